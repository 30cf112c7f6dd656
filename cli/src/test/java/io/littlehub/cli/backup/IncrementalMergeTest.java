package io.littlehub.cli.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.backup.BackupWriter;
import io.littlehub.agent.backup.QuickCheck;
import io.littlehub.common.backup.ArchiveLayout;
import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.TarEntry;
import io.littlehub.common.backup.TarFormatException;
import io.littlehub.common.backup.TarReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The laptop's side of an incremental backup: which earlier archive, and the complete archive rebuilt from the agent's stream. */
class IncrementalMergeTest {
    @TempDir
    Path root;

    @TempDir
    Path dir;

    private Path first;
    private final ByteArrayOutputStream notices = new ByteArrayOutputStream();

    private byte[] backup(QuickCheck earlier) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new BackupWriter(root, new PrintStream(OutputStream.nullOutputStream()))
                .write(b, new BackupWriter.Options("class", "vm", null, null, earlier));
        return b.toByteArray();
    }

    private static Manifest manifest(byte[] archive) throws IOException {
        return ArchiveVerifier.verify(new ByteArrayInputStream(archive), null).manifest();
    }

    @BeforeEach
    void anEarlierArchive() throws IOException {
        Path ada = Files.createDirectories(root.resolve("home/jupyter-ada/project"));
        byte[] blob = new byte[300_000];
        new Random(7).nextBytes(blob);
        Files.write(ada.resolve("blob.bin"), blob);
        Files.writeString(ada.resolve("notes.txt"), "week 1: sorting\n".repeat(200));
        Files.writeString(
                Files.createDirectories(root.resolve("srv/data")).resolve("lesson.csv"), "a,b\n".repeat(1000));
        Files.writeString(
                Files.createDirectories(root.resolve("etc/littlehub")).resolve("config.yaml"),
                "users: {admin: [teacher]}\n");
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(3600)));
            }
        }
        first = Files.write(dir.resolve("class-20250101T000000Z" + ArchiveLayout.SUFFIX), backup(QuickCheck.NONE));
        Files.writeString(ada.resolve("notes.txt"), "week 2: graphs\n".repeat(300));
    }

    private byte[] merge(PreviousArchive earlier, byte[] stream, AtomicLong reused) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new IncrementalMerge(earlier, reused::addAndGet).merge(new ByteArrayInputStream(stream), out);
        return out.toByteArray();
    }

    /** Every entry but the manifest, with its content: what a restore unpacks. */
    private static List<String> entries(byte[] archive) throws IOException {
        List<String> out = new ArrayList<>();
        try (TarReader r = new TarReader(new ByteArrayInputStream(archive))) {
            TarEntry e;
            while ((e = r.next()) != null) {
                if (!e.name().equals(ArchiveLayout.MANIFEST)) {
                    out.add(e + " " + Arrays.hashCode(r.content().readAllBytes()));
                }
            }
        }
        return out;
    }

    @Test
    void theMergedArchiveIsTheCompleteArchiveAFullBackupWrites() throws IOException {
        try (PreviousArchive earlier = PreviousArchive.open(first, "class")) {
            byte[] stream = backup(QuickCheck.of(earlier.manifest()));
            byte[] full = backup(QuickCheck.NONE);
            AtomicLong reused = new AtomicLong();
            byte[] merged = merge(earlier, stream, reused);

            assertEquals(
                    300_000 + 4000,
                    reused.get(),
                    "blob.bin and lesson.csv came from the earlier archive; notes.txt changed");
            assertTrue(
                    stream.length < full.length - 300_000,
                    stream.length + " bytes sent, a full backup is " + full.length);
            Manifest m = manifest(merged);
            assertEquals(
                    manifest(full).entries(), m.entries(), "the same entries, sizes and SHA-256s as a full backup");
            assertEquals(entries(full), entries(merged), "and the same headers and contents");
            assertEquals(full.length, merged.length);
        }
    }

    @Test
    void aReusedFileWhoseEarlierCopyNoLongerMatchesItsSha256FailsTheBackup() throws IOException {
        byte[] bytes = Files.readAllBytes(first);
        byte[] stream;
        try (PreviousArchive earlier = PreviousArchive.open(first, "class")) {
            stream = backup(QuickCheck.of(earlier.manifest()));
        }
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("a,b\na,b\n");
        bytes[at] = 'x';
        Files.write(first, bytes);
        try (PreviousArchive damaged = PreviousArchive.open(first, "class")) {
            TarFormatException e =
                    assertThrows(TarFormatException.class, () -> merge(damaged, stream, new AtomicLong()));
            assertTrue(
                    e.getMessage().contains("no longer holds srv/data/lesson.csv as its manifest records it")
                            && e.getMessage().contains("littlehub backup --full"),
                    e.getMessage());
        }
    }

    @Test
    void aReferenceToAFileTheEarlierArchiveLacksFailsTheBackup() throws IOException {
        byte[] stream;
        try (PreviousArchive earlier = PreviousArchive.open(first, "class")) {
            stream = backup(QuickCheck.of(earlier.manifest()));
        }
        Files.delete(root.resolve("home/jupyter-ada/project/blob.bin"));
        Path without =
                Files.write(dir.resolve("class-20250103T000000Z" + ArchiveLayout.SUFFIX), backup(QuickCheck.NONE));
        try (PreviousArchive lacking = PreviousArchive.open(without, "class")) {
            TarFormatException e =
                    assertThrows(TarFormatException.class, () -> merge(lacking, stream, new AtomicLong()));
            assertTrue(e.getMessage().contains("refers to home/jupyter-ada/project/blob.bin"), e.getMessage());
        }
    }

    @Test
    void theNewestArchiveOfTheHubIsTheBaseAndABrokenOneMeansAFullBackup() throws IOException {
        Files.write(dir.resolve("class-2-20990101T000000Z" + ArchiveLayout.SUFFIX), new byte[10]);
        Files.write(dir.resolve("class-20240101T000000Z" + ArchiveLayout.SUFFIX), new byte[10]);
        Files.write(dir.resolve("class-20990101T000000Z" + ArchiveLayout.SUFFIX + ".part"), new byte[10]);
        PrintStream err = new PrintStream(notices, true, StandardCharsets.UTF_8);
        try (PreviousArchive earlier = PreviousArchive.choose(dir, "class-", null, "class", err)) {
            assertEquals(first, earlier.file());
        }
        assertTrue(
                notices.toString(StandardCharsets.UTF_8).contains("only what changed since " + first.getFileName()),
                notices.toString());

        byte[] bytes = Files.readAllBytes(first);
        Path truncated = Files.write(
                dir.resolve("class-20250105T000000Z" + ArchiveLayout.SUFFIX), Arrays.copyOf(bytes, bytes.length / 2));
        assertNull(PreviousArchive.choose(dir, "class-", null, "class", err));
        assertTrue(
                notices.toString(StandardCharsets.UTF_8)
                        .contains(truncated + " cannot be the base of this backup (the archive is truncated"),
                notices.toString());
        assertNull(PreviousArchive.choose(dir, "other-", first, "other", err), "--since an archive of another hub");
        assertTrue(
                notices.toString(StandardCharsets.UTF_8).contains("it is a backup of class, not of other"),
                notices.toString());
        assertNull(PreviousArchive.choose(Files.createDirectories(dir.resolve("empty")), "class-", null, "class", err));
        assertTrue(
                notices.toString(StandardCharsets.UTF_8).contains("no earlier backup of class in"), notices.toString());
    }

    @Test
    void aMergeThatFailsSaysWhyAndNeverBlocksTheAgentsStream() throws Exception {
        byte[] stream;
        try (PreviousArchive earlier = PreviousArchive.open(first, "class")) {
            stream = backup(QuickCheck.of(earlier.manifest()));
        }
        byte[] bytes = Files.readAllBytes(first);
        bytes[new String(bytes, StandardCharsets.ISO_8859_1).indexOf("a,b\na,b\n")] = 'x';
        Files.write(first, bytes);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (PreviousArchive damaged = PreviousArchive.open(first, "class")) {
            IncrementalMerge.Running running = new IncrementalMerge(damaged, n -> {}).start(archive);
            for (int i = 0; i < 40; i++) {
                running.write(stream, 0, stream.length);
            }
            running.close();
            assertTrue(running.failure().contains("srv/data/lesson.csv"), running.failure());
        }
        byte[] good = backup(QuickCheck.NONE);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        IncrementalMerge.Running passThrough = new IncrementalMerge(null, n -> {}).start(whole);
        passThrough.write(good, 0, good.length);
        passThrough.close();
        assertNull(passThrough.failure());
        assertArrayEquals(good, whole.toByteArray(), "a stream without references comes out as it went in");
    }
}
