package io.littlehub.agent.ops;

import io.littlehub.common.machine.FileStamp;
import io.littlehub.common.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The class-data-sharing archive of an agent jar ({@code JAR.jsa}, Java's AppCDS): every later {@code java
 * -XX:SharedArchiveFile=JAR.jsa -jar JAR} maps the classes {@code training} loaded instead of loading them again,
 * which is most of a short command's start. Made by running the jar once with {@code -XX:ArchiveClassesAtExit}
 * (written beside, renamed into place); remade when the jar or the JVM changed, as {@code JAR.jsa.stamp} tells: the
 * jar's size and modification time at that run (what the JVM itself checks the jar by: either changed, it ignores the
 * archive) and the JVM's build (an archive serves only the build that made it). Reading them costs two stats and no
 * hash of the jar or the archive. A stale archive is slower, never wrong.
 *
 * @param training the jar's arguments for the run that loads the classes: a command that changes nothing
 */
public record ClassDataArchive(String jar, List<String> training) implements Operation<ClassDataArchive.Facts> {
    /**
     * {@code jar}: empty when the jar is missing; {@code archivedStamp}: the stamp the archive was made with (null:
     * none); {@code jvm}: this JVM's build, which runs the training run and the agents after it.
     */
    public record Facts(Optional<FileStamp> jar, boolean archive, String archivedStamp, String jvm) {}

    public String archive() {
        return jar + ".jsa";
    }

    /** The marker's one line: the jar's size and modification time, and the JVM's build. */
    static String stamp(FileStamp jar, String jvm) {
        return "size=" + jar.size() + " modified=" + jar.modified() + " jvm=" + jvm;
    }

    @Override
    public Facts gather(Machine machine) {
        Optional<byte[]> marker = machine.read(archive() + ".stamp");
        return new Facts(
                machine.stamp(jar),
                machine.stamp(archive()).isPresent(),
                marker.map(b -> new String(b, StandardCharsets.UTF_8).strip()).orElse(null),
                Runtime.version().toString());
    }

    @Override
    public List<Action> plan(Facts facts) {
        if (facts.jar().isEmpty()) {
            return List.of(new Action.Fail(jar + " is missing: the archive is made from it"));
        }
        String stamp = stamp(facts.jar().get(), facts.jvm());
        if (facts.archive() && stamp.equals(facts.archivedStamp())) {
            return List.of();
        }
        String fresh = archive() + ".new";
        // The training run's own exit code does not matter (a status that finds the hub down still loads its
        // classes): the archive it leaves does.
        List<String> dump = new ArrayList<>(List.of(
                "sh",
                "-c",
                "rm -f \"$1\"; a=$1; shift; \"$@\" >/dev/null 2>&1; [ -s \"$a\" ]",
                "sh",
                fresh,
                "java",
                "-XX:ArchiveClassesAtExit=" + fresh,
                "-jar",
                jar));
        dump.addAll(training);
        return List.of(
                new Action.Run("java -XX:ArchiveClassesAtExit=" + archive() + " -jar " + jar, dump),
                new Action.Run(List.of("mv", "-T", fresh, archive())),
                new Action.WriteFile(archive() + ".stamp", stamp + "\n", "root", "root", 0644, false));
    }
}
