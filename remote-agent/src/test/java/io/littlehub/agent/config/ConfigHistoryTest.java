package io.littlehub.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigHistoryTest {
    @TempDir
    Path dir;

    private String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void entriesAreWrittenOwnerOnlyInAnOwnerOnlyFolder() throws Exception {
        Path history = dir.resolve("config-history");
        new ConfigHistory(history).record("auth: {user_password: s3cret-pass}\n", "teacher@laptop", "apply hub.yaml");
        assertEquals("rwx------", mode(history));
        assertEquals("rw-------", mode(history.resolve("0001.yaml")));
        assertEquals("rw-------", mode(history.resolve("0001.meta")));
    }

    @Test
    void worldReadableEntriesOfAnOlderHubAreMadePrivateOnce() throws Exception {
        Path history = Files.createDirectories(dir.resolve("config-history"));
        Files.writeString(history.resolve("0001.yaml"), "a: 1\n");
        Files.writeString(history.resolve("0001.meta"), "2026-01-01T00:00:00Z\troot@vm\tfirst\n");
        Files.setPosixFilePermissions(history.resolve("0001.yaml"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(history.resolve("0001.meta"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(history, PosixFilePermissions.fromString("rwxr-xr-x"));
        ConfigHistory h = new ConfigHistory(history);
        assertEquals(3, h.makePrivate());
        assertEquals("rwx------", mode(history));
        assertEquals("rw-------", mode(history.resolve("0001.yaml")));
        assertEquals(0, h.makePrivate(), "already private: nothing to do");
        assertEquals(0, new ConfigHistory(dir.resolve("none")).makePrivate());
    }
}
