package io.littlehub.cli.z2jh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/** The folder an export writes into: new or empty, or any folder with {@code --force}; checked before anything connects. */
public final class OutputFolder {
    private OutputFolder() {}

    /** Refuses a file, or a folder with something in it (unless {@code force}), naming the option and the fix. */
    public static void check(Path dir, boolean force, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + dir + " is a file, not a folder: name a new folder");
        }
        if (!force && Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(option + " " + dir + " is not empty: name a new or empty folder,"
                            + " or add --force to write into it (files of the same names are replaced, others kept)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes {@code text} to {@code dir/relative} (folders made); {@code secret}: created 0600 before any byte is written. */
    public static void write(Path dir, String relative, String text, boolean secret) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        if (secret) {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, text);
    }
}
