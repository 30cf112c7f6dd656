package io.littlehub.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install.sh on small archives shaped like a release (a launcher that prints its version, a runtime/bin/java): a
 * checksum that does not match, or none, installs nothing; a matching one installs under PREFIX and replaces an
 * earlier version.
 */
class InstallScriptTest {
    private static final Path SCRIPT = Path.of("src", "install.sh").toAbsolutePath();

    @TempDir
    Path dir;

    Path prefix;

    record Run(int exit, String out) {}

    @BeforeEach
    void folders() {
        prefix = dir.resolve("home/.local");
    }

    /** A littlehub-VERSION-test.tar.gz whose bin/littlehub prints "littlehub VERSION". */
    private Path archive(String version) throws Exception {
        String name = "littlehub-" + version + "-test";
        Path top = dir.resolve("build-" + version).resolve(name);
        Files.createDirectories(top.resolve("bin"));
        Files.createDirectories(top.resolve("runtime/bin"));
        executable(top.resolve("bin/littlehub"), "#!/bin/sh\necho littlehub " + version + "\n");
        executable(top.resolve("runtime/bin/java"), "#!/bin/sh\nexit 0\n");
        Path tgz = dir.resolve(name + ".tar.gz");
        assertEquals(
                0,
                new ProcessBuilder(
                                "tar",
                                "-czf",
                                tgz.toString(),
                                "-C",
                                top.getParent().toString(),
                                name)
                        .inheritIO()
                        .start()
                        .waitFor());
        return tgz;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void checksumFile(Path archive, String hex) throws IOException {
        Files.writeString(
                archive.resolveSibling(archive.getFileName() + ".sha256"), hex + "  " + archive.getFileName() + "\n");
    }

    private Run install(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--prefix", prefix.toString()));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().put("PATH", "/usr/bin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    @Test
    void aMatchingChecksumInstallsUnderThePrefixAndLinksTheCommand() throws Exception {
        Path a = archive("1.0.0");
        checksumFile(a, sha256(a));
        Run r = install(a.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("littlehub 1.0.0"), r.out());
        assertTrue(r.out().contains("Add " + prefix.resolve("bin") + " to your PATH"), r.out());
        Path command = prefix.resolve("bin/littlehub");
        assertEquals(
                "littlehub-1.0.0-test",
                Files.readSymbolicLink(prefix.resolve("share/littlehub/current"))
                        .toString());
        Process p = new ProcessBuilder(command.toString()).start();
        assertEquals("littlehub 1.0.0", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());

        Path b = archive("1.1.0");
        Run upgrade = install(b.toString(), "--sha256", sha256(b).toUpperCase());
        assertEquals(0, upgrade.exit(), upgrade.out());
        assertTrue(upgrade.out().contains("littlehub 1.1.0"), upgrade.out());
        assertFalse(
                Files.exists(prefix.resolve("share/littlehub/littlehub-1.0.0-test")),
                "the earlier version is replaced");
    }

    @Test
    void aChecksumThatDoesNotMatchInstallsNothing() throws Exception {
        Path a = archive("1.0.0");
        checksumFile(a, "0".repeat(64));
        Run r = install(a.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("the SHA-256 of littlehub-1.0.0-test.tar.gz is " + sha256(a)), r.out());
        assertTrue(r.out().contains("not the expected " + "0".repeat(64)), r.out());
        assertTrue(r.out().contains("Nothing is installed"), r.out());
        assertFalse(Files.exists(prefix), "nothing written under the prefix");

        Run wrongOption = install(a.toString(), "--sha256", "f".repeat(64));
        assertEquals(1, wrongOption.exit(), wrongOption.out());
        assertFalse(Files.exists(prefix));
    }

    @Test
    void anArchiveWithoutAChecksumIsRefused() throws Exception {
        Path a = archive("1.0.0");
        Run r = install(a.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(
                r.out().contains("no checksum for " + a + ": put littlehub-1.0.0-test.tar.gz.sha256 beside it"),
                r.out());
        assertFalse(Files.exists(prefix));
    }

    @Test
    void somethingElseThanAReleaseIsRefused() throws Exception {
        Path zip = dir.resolve("littlehub-1.0.0-windows-x86_64.zip");
        Files.writeString(zip, "PK");
        Run r = install(zip.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("is not a littlehub release archive"), r.out());

        Run none = install();
        assertEquals(1, none.exit(), none.out());
        assertTrue(none.out().contains("name the release archive"), none.out());
    }
}
