package io.littlehub.agent.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.TarEntry;
import io.littlehub.common.backup.TarFormatException;
import io.littlehub.common.backup.TarReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files an incremental backup does not send again, and the stream BackupWriter writes for them. */
class QuickCheckTest {
    private static final String SHA = "a".repeat(64);
    private static final long T = 1_700_000_000L;

    private static Manifest earlier(String started, Manifest.Entry... entries) {
        return new Manifest(
                Manifest.FORMAT,
                "0.1.0",
                "class",
                "vm",
                started,
                started,
                Manifest.SECRETS_OMITTED,
                List.of(),
                List.of(entries),
                List.of());
    }

    private static Manifest.Entry file(String path, long mtime, long size) {
        return new Manifest.Entry(path, "file", "0644", 1001, 1001, mtime, size, SHA, null);
    }

    private static TarEntry now(String path, long mtime, long size) {
        return TarEntry.file(path, 0600, 1002, 1002, "jupyter-bob", "jupyter-bob", size, mtime);
    }

    @Test
    void aFileWithTheSameSizeAndTimeModifiedBeforeTheEarlierBackupIsNotSent() {
        QuickCheck q = QuickCheck.of(earlier(
                Instant.ofEpochSecond(T + 10).toString(),
                file("home/jupyter-ada/big.bin", T, 5000),
                file("home/jupyter-ada/late.bin", T + 10, 5000),
                file("home/jupyter-ada/small.txt", T, 1024),
                file("home/jupyter-ada/small2.txt", T, 1025),
                new Manifest.Entry("home/jupyter-ada/dir", "directory", "0755", 0, 0, T, null, null, null)));
        assertEquals(
                SHA,
                q.sameAs(now("home/jupyter-ada/big.bin", T, 5000)),
                "mode and owner may differ: only the content is reused");
        assertNull(q.sameAs(now("home/jupyter-ada/big.bin", T + 1, 5000)), "another time");
        assertNull(q.sameAs(now("home/jupyter-ada/big.bin", T, 5001)), "another size");
        assertNull(
                q.sameAs(now("home/jupyter-ada/late.bin", T + 10, 5000)),
                "modified in the second the earlier backup began");
        assertNull(q.sameAs(now("home/jupyter-ada/small.txt", T, 1024)), "two blocks: a reference would cost as much");
        assertEquals(SHA, q.sameAs(now("home/jupyter-ada/small2.txt", T, 1025)));
        assertNull(q.sameAs(now("home/jupyter-ada/new.bin", T, 5000)), "not in the earlier archive");
        assertNull(q.sameAs(TarEntry.directory("home/jupyter-ada/dir", 0755, 0, 0, "", "", T)));
    }

    @Test
    void anOlderManifestWithoutTimesReusesNothing() {
        assertSame(QuickCheck.NONE, QuickCheck.of(earlier(null, file("home/jupyter-ada/big.bin", T, 5000))));
        assertNull(QuickCheck.NONE.sameAs(now("home/jupyter-ada/big.bin", T, 5000)));
        assertThrows(
                TarFormatException.class,
                () -> QuickCheck.of(earlier("yesterday", file("home/jupyter-ada/big.bin", T, 5000))));
    }

    @TempDir
    Path root;

    private Manifest write(QuickCheck earlier, ByteArrayOutputStream out) throws IOException {
        return new BackupWriter(root, new PrintStream(new ByteArrayOutputStream()))
                .write(out, new BackupWriter.Options("class", "vm", null, null, earlier));
    }

    @Test
    void theWriterSendsReferencesForUnchangedFilesWithoutReadingThem() throws IOException {
        Path ada = Files.createDirectories(root.resolve("home/jupyter-ada"));
        Files.write(ada.resolve("data.bin"), new byte[100_000]);
        Files.write(ada.resolve("notes.txt"), "x".repeat(3000).getBytes());
        Files.write(ada.resolve("tiny.txt"), "tiny".getBytes());
        Files.write(ada.resolve("touched.bin"), new byte[4000]);
        try (Stream<Path> s = Files.list(ada)) {
            for (Path p : s.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(3600)));
            }
        }
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        Manifest first = write(QuickCheck.NONE, full);

        Files.write(ada.resolve("notes.txt"), "y".repeat(3001).getBytes());
        FileTime kept = Files.getLastModifiedTime(ada.resolve("touched.bin"));
        Files.write(ada.resolve("touched.bin"), new byte[4000]);
        Files.write(ada.resolve("touched.bin"), "z".repeat(4000).getBytes());
        Files.setLastModifiedTime(ada.resolve("touched.bin"), kept);
        ByteArrayOutputStream incremental = new ByteArrayOutputStream();
        Manifest second = write(QuickCheck.of(first), incremental);

        Map<String, String> references = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        try (TarReader r = new TarReader(new ByteArrayInputStream(incremental.toByteArray()))) {
            TarEntry e;
            while ((e = r.next()) != null) {
                if (r.reusedSha256() != null) {
                    references.put(e.name(), r.reusedSha256());
                }
                sizes.put(e.name(), e.size());
            }
        }
        Map<String, String> firstSha = new HashMap<>();
        first.entries().forEach(e -> firstSha.put(e.path(), e.sha256()));
        assertEquals(
                Map.of(
                        "home/jupyter-ada/data.bin",
                        firstSha.get("home/jupyter-ada/data.bin"),
                        "home/jupyter-ada/touched.bin",
                        firstSha.get("home/jupyter-ada/touched.bin")),
                references,
                "same size and time: a reference, the file unread (touched.bin's new bytes were not seen: the accepted limit)");
        assertEquals(0L, sizes.get("home/jupyter-ada/data.bin"));
        assertEquals(3001L, sizes.get("home/jupyter-ada/notes.txt"));
        Manifest.Entry data = second.entries().stream()
                .filter(e -> e.path().equals("home/jupyter-ada/data.bin"))
                .findFirst()
                .orElseThrow();
        assertEquals(100_000L, data.size(), "the new manifest lists the file as it is, not as the reference");
        assertTrue(incremental.size() < full.size() - 100_000, incremental.size() + " vs " + full.size());
        assertTrue(Instant.parse(second.started()).isAfter(Instant.now().minusSeconds(60)));
        TarFormatException notWhole = assertThrows(
                TarFormatException.class,
                () -> ArchiveVerifier.verify(new ByteArrayInputStream(incremental.toByteArray()), null));
        assertTrue(
                notWhole.getMessage().contains("refers to an earlier archive for home/jupyter-ada/data.bin"),
                notWhole.getMessage());
    }
}
