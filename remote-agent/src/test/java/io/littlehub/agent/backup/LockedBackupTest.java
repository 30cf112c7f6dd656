package io.littlehub.agent.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.config.ConfigLock;
import io.littlehub.common.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timer's backup takes the one change lock: it writes while holding it, or skips with the holder named. */
class LockedBackupTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> ran = new ArrayList<>();

    private int backup(Path lock, int wait) throws Exception {
        return LockedBackup.run(lock, "root@hub", wait, new PrintStream(err, true, StandardCharsets.UTF_8), () -> {
            ran.add("backup, lock held: " + ConfigLock.isHeld(lock) + ", holder: "
                    + ConfigLock.holder(lock).orElse("?"));
            return ExitCodes.OK;
        });
    }

    @Test
    void aFreeLockIsHeldWhileTheBackupWrites() throws Exception {
        Path lock = dir.resolve("config.lock");
        assertEquals(ExitCodes.OK, backup(lock, 0));
        assertEquals(1, ran.size());
        assertTrue(ran.get(0).startsWith("backup, lock held: true, holder: backup by root@hub (pid "), ran.get(0));
        assertEquals(false, ConfigLock.isHeld(lock), "released afterwards");
    }

    @Test
    void aHeldLockSkipsTheBackupAfterTheWaitNamingTheHolder() throws Exception {
        Path lock = dir.resolve("config.lock");
        Optional<ConfigLock> upgrade = ConfigLock.take(lock, "upgrade 1.0 to 1.1", "ada@laptop", 0, System.err);
        try (ConfigLock held = upgrade.orElseThrow()) {
            long t = System.nanoTime();
            assertEquals(ExitCodes.LOCKED, backup(lock, 1));
            assertTrue((System.nanoTime() - t) / 1_000_000 >= 1000, "it waited its time first");
        }
        assertEquals(List.of(), ran, "no archive written");
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("waiting up to 1 s for the hub's change lock"), said);
        assertTrue(
                said.contains("backup skipped: the hub is still busy with upgrade 1.0 to 1.1 by ada@laptop (pid ")
                        && said.contains("after 1 s; no archive written, none deleted; the timer runs the next"
                                + " backup as scheduled"),
                said);
    }

    @Test
    void anInterruptedChangeIsLeftForTheNextChangeToFinish() throws Exception {
        Path lock = dir.resolve("config.lock");
        Files.writeString(
                lock.resolveSibling("config.lock.unfinished"), "config set x by bob@laptop (pid 7) since T\n");
        assertEquals(ExitCodes.OK, backup(lock, 0));
        Optional<ConfigLock> next = ConfigLock.take(lock, "config set y", "ada@laptop", 0, System.err);
        try (ConfigLock held = next.orElseThrow()) {
            assertEquals(Optional.of("config set x by bob@laptop (pid 7) since T"), held.interrupted());
        }
    }
}
