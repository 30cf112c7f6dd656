package io.littlehub.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record of an unfinished change, kept outside /run so it survives a reboot: written when the lock is taken,
 * removed when it is released, heard of by the next taker when its holder ended first, with or without a reboot.
 */
class ConfigLockRecordTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Optional<ConfigLock> take(Path lock, String what) {
        return ConfigLock.take(lock, what, "ada@laptop", 0, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theHubsLockRecordsItsChangeUnderVarLib() {
        assertEquals(Path.of("/var/lib/littlehub/unfinished-change"), ConfigLock.recordOf(ConfigLock.DEFAULT));
        assertEquals(dir.resolve("config.lock.unfinished"), ConfigLock.recordOf(dir.resolve("config.lock")));
    }

    @Test
    void theHolderRecordsItsChangeWholeAndPrivateAndRemovesItWhenDone() throws Exception {
        Path lock = dir.resolve("config.lock");
        Path record = ConfigLock.recordOf(lock);
        try (ConfigLock held = take(lock, "config set limits.memory 2G").orElseThrow()) {
            String line = Files.readString(record);
            assertTrue(line.startsWith("config set limits.memory 2G by ada@laptop (pid "), line);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(record)));
            assertEquals(Optional.empty(), held.interrupted());
        }
        assertFalse(Files.exists(record), "a finished change leaves no record");
        try (ConfigLock held = take(lock, "config set limits.cpu 2").orElseThrow()) {
            assertEquals(Optional.empty(), held.interrupted(), "nothing was interrupted");
        }
    }

    @Test
    void aRecordFoundAfterARebootIsAnInterruptedChange() throws Exception {
        // A reboot: /run is empty (no lock file), /var/lib still holds the killed holder's record.
        Path lock = dir.resolve("config.lock");
        assertFalse(Files.exists(lock));
        Files.writeString(ConfigLock.recordOf(lock), "upgrade 0.9.0 to 1.0.0 by bob@laptop (pid 812) since T\n");
        try (ConfigLock held = take(lock, "config set x").orElseThrow()) {
            assertEquals(Optional.of("upgrade 0.9.0 to 1.0.0 by bob@laptop (pid 812) since T"), held.interrupted());
        }
        assertTrue(
                err.toString(StandardCharsets.UTF_8)
                        .contains("an earlier change was interrupted before it finished: upgrade 0.9.0 to 1.0.0 by"
                                + " bob@laptop (pid 812)"),
                err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(ConfigLock.recordOf(lock)), "heard of once: the taker finishes it");
    }

    @Test
    void aLookThatChangesNothingPassesTheRecordOn() throws Exception {
        Path lock = dir.resolve("config.lock");
        Files.writeString(ConfigLock.recordOf(lock), "env install x by bob@laptop (pid 9) since T\n");
        try (ConfigLock held = take(lock, "env record").orElseThrow()) {
            held.passOn();
        }
        assertEquals("env install x by bob@laptop (pid 9) since T\n", Files.readString(ConfigLock.recordOf(lock)));
        try (ConfigLock held = take(lock, "config set x").orElseThrow()) {
            assertEquals(Optional.of("env install x by bob@laptop (pid 9) since T"), held.interrupted());
        }
    }
}
