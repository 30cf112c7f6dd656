package io.littlehub.cli.passwords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --admin-password-file: each refusal names the problem and the fix; a good file gives its first line. */
class PasswordFileTest {
    private static Path file(Path dir, String content, String mode) throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    private static String refusal(Path f) {
        return assertThrows(IllegalArgumentException.class, () -> PasswordFile.read(f, "--admin-password-file", 8))
                .getMessage();
    }

    @Test
    void theFirstLineOfAPrivateFileIsThePassword(@TempDir Path dir) throws Exception {
        assertEquals(
                "correct horse battery",
                PasswordFile.read(file(dir, "correct horse battery\nsecond line\n", "rw-------"), "--x", 8));
        assertEquals("no-newline-at-end", PasswordFile.read(file(dir, "no-newline-at-end", "r--------"), "--x", 8));
    }

    @Test
    void aMissingFileIsRefused(@TempDir Path dir) {
        String m = refusal(dir.resolve("nope"));
        assertTrue(m.contains("no such file") && m.contains("chmod 600"), m);
    }

    @Test
    void aFileOthersMayReadIsRefusedWithChmod(@TempDir Path dir) throws Exception {
        String m = refusal(file(dir, "a-good-password\n", "rw-r--r--"));
        assertTrue(m.contains("other users may read it (rw-r--r--)") && m.contains("chmod 600"), m);
        assertTrue(refusal(file(dir, "a-good-password\n", "rw-rw----")).contains("other users may read it"));
    }

    @Test
    void anEmptyFileIsRefused(@TempDir Path dir) throws Exception {
        assertTrue(refusal(file(dir, "", "rw-------")).contains("the file is empty"));
        assertTrue(refusal(file(dir, "\nsecond\n", "rw-------")).contains("the file is empty"));
    }

    @Test
    void aShortPasswordIsRefused(@TempDir Path dir) throws Exception {
        String m = refusal(file(dir, "short\n", "rw-------"));
        assertTrue(m.contains("too short: use at least 8 characters"), m);
    }
}
