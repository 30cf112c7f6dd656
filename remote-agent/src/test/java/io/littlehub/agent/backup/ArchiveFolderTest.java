package io.littlehub.agent.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.ExitCodes;
import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.backup.SecretsBundle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup --to-dir}: a private folder of verified archives, the oldest beyond --keep deleted, nothing else touched. */
class ArchiveFolderTest {
    private static final char[] PASS = "a long passphrase".toCharArray();

    @TempDir
    Path root;

    @TempDir
    Path tmp;

    private Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void hub() throws IOException {
        Files.writeString(
                Files.createDirectories(root.resolve("home/jupyter-ada")).resolve("notes.txt"), "week 1\n");
        Files.writeString(
                Files.createDirectories(root.resolve("etc/littlehub")).resolve("config.yaml"),
                "backup: {schedule: daily}\n");
        Files.writeString(
                Files.createDirectories(root.resolve("opt/littlehub/state")).resolve("jupyterhub_cookie_secret"),
                "cookie");
        dir = tmp.resolve("backups");
    }

    private ArchiveFolder folderAt(String time) {
        return new ArchiveFolder(
                dir,
                Clock.fixed(Instant.parse(time), ZoneOffset.UTC),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int backUp(String time, int keep) throws IOException {
        return folderAt(time)
                .backUp(
                        "class",
                        keep,
                        o -> new BackupWriter(root, new PrintStream(new ByteArrayOutputStream()))
                                .write(o, new BackupWriter.Options("class", "vm", PASS, null, QuickCheck.NONE)));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAPrivateVerifiedArchiveInAPrivateFolder() throws Exception {
        assertEquals(ExitCodes.OK, backUp("2025-01-07T03:04:05Z", 7), err.toString());
        assertEquals(List.of("class-20250107-030405.tar"), files());
        Path archive = dir.resolve("class-20250107-030405.tar");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (InputStream in = Files.newInputStream(archive)) {
            ArchiveVerifier.Verified v = ArchiveVerifier.verify(in, null);
            assertTrue(v.manifest().hasSecrets());
            assertEquals(
                    "cookie",
                    new String(SecretsBundle.open(v.secretsBox(), PASS).get(0).content(), StandardCharsets.UTF_8));
        }
        assertTrue(out.toString().contains("archive written and verified: " + archive), out.toString());
    }

    @Test
    void keepsTheNewestNAndNeverTouchesOtherFiles() throws Exception {
        Files.createDirectories(dir);
        List<String> others = List.of("class-20240101-000000.tar.part", "other-20240101-000000.tar", "README.txt");
        for (String name : others) {
            Files.writeString(dir.resolve(name), "not ours to delete");
        }
        for (String time : List.of(
                "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z", "2025-01-04T00:00:00Z")) {
            assertEquals(ExitCodes.OK, backUp(time, 2), err.toString());
        }
        assertEquals(
                List.of(
                        "README.txt",
                        "class-20240101-000000.tar.part",
                        "class-20250103-000000.tar",
                        "class-20250104-000000.tar",
                        "other-20240101-000000.tar"),
                files());
        assertTrue(
                out.toString()
                        .contains("deleted the older archive " + dir.resolve("class-20250102-000000.tar")
                                + " (keeping 2)"),
                out.toString());
    }

    @Test
    void aFailedArchiveLeavesNoPartAndDeletesNothing() throws Exception {
        assertEquals(ExitCodes.OK, backUp("2025-01-01T00:00:00Z", 1));
        int exit = folderAt("2025-01-02T00:00:00Z").backUp("class", 1, o -> {
            o.write("half an archive".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        });
        assertEquals(ExitCodes.FAILED, exit);
        assertEquals(List.of("class-20250101-000000.tar"), files(), "no .part left, the older archive kept");
        assertTrue(
                err.toString()
                        .contains("no archive written: No space left on device; the older archives in " + dir
                                + " were left as they are"),
                err.toString());
    }

    @Test
    void anArchiveThatDoesNotVerifyIsNotKept() throws Exception {
        assertEquals(ExitCodes.FAILED, folderAt("2025-01-02T00:00:00Z").backUp("class", 1, o -> {
            o.write(new byte[1024]);
            return null;
        }));
        assertEquals(List.of(), files());
        assertTrue(err.toString().startsWith("no archive written: the archive is empty"), err.toString());
    }

    @Test
    void twoArchivesInOneSecondDoNotOverwriteEachOther() throws Exception {
        assertEquals(ExitCodes.OK, backUp("2025-01-01T00:00:00Z", 3));
        byte[] first = Files.readAllBytes(dir.resolve("class-20250101-000000.tar"));
        assertEquals(ExitCodes.FAILED, backUp("2025-01-01T00:00:00Z", 3));
        assertTrue(
                err.toString()
                        .contains(
                                "class-20250101-000000.tar already exists (another archive was made in the same second)"),
                err.toString());
        assertEquals(List.of("class-20250101-000000.tar"), files());
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(dir.resolve("class-20250101-000000.tar"))));
        assertFalse(Files.exists(dir.resolve("class-20250101-000000.tar.part")));
    }
}
