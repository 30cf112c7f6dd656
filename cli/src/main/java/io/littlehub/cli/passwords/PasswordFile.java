package io.littlehub.cli.passwords;

import io.littlehub.common.students.PasswordRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A password the teacher keeps in a file ({@code --admin-password-file}): its first line. A file others may read is
 * refused, as ssh refuses such a key file: the password would not be the teacher's alone.
 */
public final class PasswordFile {
    private PasswordFile() {}

    /** The password on the file's first line; an {@link IllegalArgumentException} names the problem and the fix. */
    public static String read(Path file, String option, int minimum) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file
                    + ": no such file: write the password on its first line, then `chmod 600 " + file + "`");
        }
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> perms = posix.readAttributes().permissions();
                if (perms.stream()
                        .anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
                    throw new IllegalArgumentException(
                            option + " " + file + ": other users may read it (" + PosixFilePermissions.toString(perms)
                                    + "): make it yours alone with `chmod 600 " + file + "`");
                }
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String password = text.lines().findFirst().orElse("");
            if (password.isEmpty()) {
                throw new IllegalArgumentException(
                        option + " " + file + ": the file is empty: write the password on its first line");
            }
            PasswordRule.problem(password, minimum).ifPresent(p -> {
                throw new IllegalArgumentException(option + " " + file + ": " + p);
            });
            return password;
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot read it: " + e.getMessage(), e);
        }
    }
}
