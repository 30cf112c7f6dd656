package io.littlehub.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file the teacher named on the command line, checked and read with a message in words: Java's own say only the
 * path ({@code NoSuchFileException: x.yaml}) or "Is a directory". A problem is an {@link IllegalArgumentException}
 * (exit 2: their input).
 */
public final class TeacherFiles {
    private TeacherFiles() {}

    /** {@code what}: what the file should be, for the fix ("the roster CSV"). */
    public static void requireFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder: give the path of " + what);
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file: give the path of " + what);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    file + ": you may not read it: give the path of " + what + " you can read");
        }
    }

    /** The file's text (UTF-8). */
    public static String read(Path file, String what) {
        requireFile(file, what);
        try {
            return Files.readString(file);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text: save " + what + " as UTF-8", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
