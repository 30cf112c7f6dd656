package io.littlehub.cli.provision;

import io.littlehub.cli.ErrorExits;
import io.littlehub.cli.hubconfig.RestartChoice;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/** What InterruptIT and ConcurrentTeachersIT both do to a hub: upgrade it with a built release, look at its lock. */
final class HubChanges {
    static final String LOCK = "/run/littlehub/config.lock";

    private HubChanges() {}

    /**
     * {@code littlehub upgrade [--hub HUB] [--to VERSION] --wait 900} as {@code teacher} runs it with the littlehub of
     * {@code agentJar}'s release (null hub: the current one; null version: that release's).
     */
    static Run upgrade(TeacherLaptop laptop, String teacher, String hub, byte[] agentJar, String toVersion) {
        return upgrade(laptop, teacher, hub, agentJar, toVersion, false, line -> {}, RestartChoice.NONE);
    }

    /**
     * {@link #upgrade}, with {@code --json} when {@code json}, each stdout line handed to {@code stdoutLines}, and the
     * teacher's {@code restart} choice ({@code --when-idle} …).
     */
    static Run upgrade(
            TeacherLaptop laptop,
            String teacher,
            String hub,
            byte[] agentJar,
            String toVersion,
            boolean json,
            Consumer<String> stdoutLines,
            RestartChoice restart) {
        LineTee out = new LineTee(stdoutLines);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t = System.nanoTime();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit;
        try {
            exit = new Upgrader(
                            laptop.context(
                                    new PrintStream(out, true, StandardCharsets.UTF_8),
                                    errors,
                                    Map.of("USER", teacher)),
                            agentJar)
                    .run(hub, toVersion, json, 900, restart);
        } catch (RuntimeException e) {
            // As the littlehub command ends on it (a cut connection: exit 3 with its message), not as a test error.
            errors.println("littlehub: " + ErrorExits.message(e));
            exit = ErrorExits.exitCode(e);
        }
        System.out.printf(
                "littlehub upgrade --to %s (%s): exit %d in %d s%n",
                toVersion, teacher, exit, (System.nanoTime() - t) / 1_000_000_000);
        return new Run(exit, out.text(), err.toString(StandardCharsets.UTF_8));
    }

    /** The /proc/locks lines on the hub's change lock: empty when nobody holds it. */
    static String lockHolders(TeacherLaptop laptop) {
        return laptop.vm
                .check("sudo", "sh", "-c", "grep \":$(stat -c %i \"$1\") \" /proc/locks || true", "sh", LOCK)
                .strip();
    }
}
