package io.littlehub.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A process that contends for a {@link ConfigLock} ({@link ConfigLockProcessesTest} starts several): each round it
 * takes the lock, logs "enter WHO" and "exit WHO" around holding it, and says HELD / WAITING on stdout.
 * Arguments: lock file, log file, who, rounds, milliseconds to hold it each round.
 */
public final class LockContender {
    private LockContender() {}

    public static void main(String[] args) throws Exception {
        Path lock = Path.of(args[0]);
        Path log = Path.of(args[1]);
        String who = args[2];
        int rounds = Integer.parseInt(args[3]);
        long holdMillis = Long.parseLong(args[4]);
        for (int i = 0; i < rounds; i++) {
            Optional<ConfigLock> taken = ConfigLock.acquire(lock, who, 60, line -> say("WAITING " + line));
            if (taken.isEmpty()) {
                say("TIMED OUT");
                System.exit(3);
            }
            try (ConfigLock held = taken.get()) {
                append(log, "enter " + who + " " + System.currentTimeMillis());
                say("HELD"
                        + held.interrupted()
                                .map(line -> " after the interrupted " + line)
                                .orElse(""));
                Thread.sleep(holdMillis);
                append(log, "exit " + who + " " + System.currentTimeMillis());
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void append(Path log, String line) throws Exception {
        Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
