package io.littlehub.agent.backup;

import io.littlehub.common.ExitCodes;
import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.TarFormatException;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code backup --to-dir DIR --keep N}: one archive into a folder (made root 0700 when missing) as
 * {@code <hub>-<UTC time>.tar}, root 0600. It is written as {@code .part}, synced, read back and verified against its
 * manifest, and only then renamed; only after that are the hub's oldest archives beyond N deleted ({@link Retention}).
 * A run that fails leaves no partial file and deletes nothing.
 */
public final class ArchiveFolder {
    /** Writes one archive to {@code out} ({@link HubArchive} on the VM). */
    public interface Archiver {
        Manifest write(OutputStream out) throws IOException;
    }

    private final Path dir;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    public ArchiveFolder(Path dir, Clock clock, PrintStream out, PrintStream err) {
        this.dir = dir;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    public int backUp(String hub, int keep, Archiver archiver) throws IOException {
        Path file = dir.resolve(Retention.archiveName(hub, clock.instant()));
        Path part = dir.resolve(file.getFileName() + ".part");
        Manifest manifest;
        try {
            prepareFolder();
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(
                        file.toString(), null, "another archive was made in the same second");
            }
            manifest = write(part, archiver);
            moveIntoPlace(part, file);
        } catch (IOException | IllegalStateException | TarFormatException e) {
            err.println(
                    "no archive written: " + describe(e) + "; the older archives in " + dir + " were left as they are");
            return ExitCodes.FAILED;
        }
        long files =
                manifest.entries().stream().filter(e -> "file".equals(e.type())).count();
        out.println("archive written and verified: " + file + " (" + Files.size(file) + " bytes, " + files + " files, "
                + manifest.users().size() + " homes, secrets " + manifest.secrets() + ")");
        return deleteSurplus(hub, keep);
    }

    private void prepareFolder() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            // Only the archives' own folder is private: parents a missing DIR needed keep the usual modes.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Writes {@code part} (0600; never over an existing file: that is another run's), syncs it, verifies what is on disk. */
    private static Manifest write(Path part, Archiver archiver) throws IOException {
        Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        boolean verified = false;
        try {
            try (FileOutputStream file = new FileOutputStream(part.toFile());
                    OutputStream buffered = new BufferedOutputStream(file, 1 << 16)) {
                archiver.write(buffered);
                buffered.flush();
                file.getFD().sync();
            }
            Manifest manifest;
            try (InputStream in = Files.newInputStream(part)) {
                manifest = ArchiveVerifier.verify(in, null).manifest();
            }
            verified = true;
            return manifest;
        } finally {
            if (!verified) {
                Files.deleteIfExists(part);
            }
        }
    }

    private static void moveIntoPlace(Path part, Path file) throws IOException {
        try {
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
    }

    private int deleteSurplus(String hub, int keep) {
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            err.println("cannot list " + dir + " to delete archives beyond " + keep + ": " + describe(e));
            return ExitCodes.FAILED;
        }
        int exit = ExitCodes.OK;
        for (String name : Retention.surplus(names, hub, keep)) {
            try {
                Files.delete(dir.resolve(name));
                out.println("deleted the older archive " + dir.resolve(name) + " (keeping " + keep + ")");
            } catch (IOException e) {
                err.println("cannot delete the older archive " + dir.resolve(name) + ": " + describe(e));
                exit = ExitCodes.FAILED;
            }
        }
        return exit;
    }

    private static String describe(Exception e) {
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " already exists"
                    + (exists.getReason() == null ? "" : " (" + exists.getReason() + ")");
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
