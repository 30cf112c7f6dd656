package io.littlehub.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConfigLock} between processes (JVMs running {@link LockContender}), as agents on one VM contend for it. */
class ConfigLockProcessesTest {
    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void exactlyOneProcessHoldsItAtATime() throws Exception {
        List<Process> contenders = new ArrayList<>();
        for (String who : List.of("alice", "bob", "carol")) {
            contenders.add(contender(who, 15, 10));
        }
        for (Process p : contenders) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a contender hangs");
            assertEquals(0, p.exitValue(), output(p));
        }
        assertEquals(45, heldInTurn(Files.readAllLines(dir.resolve("log"))), "every round held the lock alone");
    }

    @Test
    void aKilledHoldersLockIsFreeAtOnceForOneWaiter() throws Exception {
        Process holder = contender("killed", 1, 600_000);
        awaitLine(holder, "HELD");
        Process first = contender("waiter-1", 1, 300);
        Process second = contender("waiter-2", 1, 300);
        assertTrue(awaitLine(first, "WAITING").contains("held by killed (pid " + holder.pid() + ")"));
        assertTrue(awaitLine(second, "WAITING").contains("held by killed (pid " + holder.pid() + ")"));
        holder.destroyForcibly().waitFor();
        long killed = System.currentTimeMillis();
        StringBuilder helds = new StringBuilder();
        for (Process p : List.of(first, second)) {
            helds.append(awaitLine(p, "HELD")).append('\n');
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a waiter hangs");
            assertEquals(0, p.exitValue());
        }
        // The killed holder's line is left in the free file: the first taker, and only it, hears of the interruption.
        assertEquals(
                1,
                helds.toString().split("after the interrupted killed \\(pid " + holder.pid() + "\\)", -1).length - 1,
                helds.toString());
        List<String> log = Files.readAllLines(dir.resolve("log"));
        assertTrue(log.get(0).startsWith("enter killed "), log.toString());
        // The killed holder never logged its exit: the two waiters after it must still hold it one at a time.
        assertEquals(2, heldInTurn(log.subList(1, log.size())), log.toString());
        long firstTaken = Long.parseLong(log.get(1).split(" ")[2]);
        // Waiters look every 250 ms: "at once" is within a second, not after a staleness timeout.
        assertTrue(firstTaken - killed < 1000, "taken " + (firstTaken - killed) + " ms after the kill");
    }

    /** The number of enter/exit pairs, failing unless each exit follows its own enter with no other enter between. */
    private static int heldInTurn(List<String> log) {
        assertEquals(0, log.size() % 2, log.toString());
        for (int i = 0; i < log.size(); i += 2) {
            String who = log.get(i).split(" ")[1];
            assertTrue(
                    log.get(i).startsWith("enter ") && log.get(i + 1).startsWith("exit " + who + " "),
                    "two holders at once at line " + (i + 1) + ": " + log);
        }
        return log.size() / 2;
    }

    private Process contender(String who, int rounds, long holdMillis) throws Exception {
        Process p = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockContender.class.getName(),
                        dir.resolve("config.lock").toString(),
                        dir.resolve("log").toString(),
                        who,
                        Integer.toString(rounds),
                        Long.toString(holdMillis))
                .redirectErrorStream(true)
                .start();
        started.add(p);
        return p;
    }

    private static String awaitLine(Process p, String prefix) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("no " + prefix + " line from the contender:\n" + seen);
    }

    private static String output(Process p) throws Exception {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
