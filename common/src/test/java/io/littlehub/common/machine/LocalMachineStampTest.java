package io.littlehub.common.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's stamp on this machine: size and modification time of a regular file, nothing for anything else. */
class LocalMachineStampTest {
    @TempDir
    Path dir;

    @Test
    void aFilesSizeAndTimeThroughALinkToo() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "12345");
        Instant when = Instant.parse("2026-12-07T08:00:00.123456Z");
        Files.setLastModifiedTime(jar, FileTime.from(when));
        Files.createSymbolicLink(dir.resolve("current.jar"), jar);
        FileStamp expected = new FileStamp(5, when);
        assertEquals(Optional.of(expected), new LocalMachine().stamp(jar.toString()));
        assertEquals(
                Optional.of(expected),
                new LocalMachine().stamp(dir.resolve("current.jar").toString()));
    }

    @Test
    void noStampForAFolderOrNothing() {
        assertEquals(Optional.empty(), new LocalMachine().stamp(dir.toString()));
        assertEquals(
                Optional.empty(),
                new LocalMachine().stamp(dir.resolve("missing").toString()));
    }
}
