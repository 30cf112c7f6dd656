package io.littlehub.agent.ops;

import io.littlehub.common.machine.FileState;
import io.littlehub.common.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The class-data-sharing archive of an agent jar ({@code JAR.jsa}, Java's AppCDS): every later {@code java
 * -XX:SharedArchiveFile=JAR.jsa -jar JAR} maps the classes {@code training} loaded instead of loading them again,
 * which is most of a short command's start. Made by running the jar once with {@code -XX:ArchiveClassesAtExit}
 * (written beside, renamed into place); remade when the jar changed, as {@code JAR.jsa.sha256} (the jar's hash at
 * that run) tells. The JVM ignores an archive that does not match its jar, so a stale one is slower, never wrong.
 *
 * @param training the jar's arguments for the run that loads the classes: a command that changes nothing
 */
public record ClassDataArchive(String jar, List<String> training) implements Operation<ClassDataArchive.Facts> {
    /** {@code jarSha256}: null when the jar is missing; {@code archivedSha256}: the jar the archive was made from. */
    public record Facts(String jarSha256, boolean archive, String archivedSha256) {}

    public String archive() {
        return jar + ".jsa";
    }

    @Override
    public Facts gather(Machine machine) {
        String jarHash = machine.stat(jar).map(FileState::sha256).orElse(null);
        Optional<byte[]> marker = machine.read(archive() + ".sha256");
        return new Facts(
                jarHash,
                machine.stat(archive()).isPresent(),
                marker.map(b -> new String(b, StandardCharsets.UTF_8).strip()).orElse(null));
    }

    @Override
    public List<Action> plan(Facts facts) {
        if (facts.jarSha256() == null) {
            return List.of(new Action.Fail(jar + " is missing: the archive is made from it"));
        }
        if (facts.archive() && facts.jarSha256().equals(facts.archivedSha256())) {
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
                new Action.WriteFile(archive() + ".sha256", facts.jarSha256() + "\n", "root", "root", 0644, false));
    }
}
