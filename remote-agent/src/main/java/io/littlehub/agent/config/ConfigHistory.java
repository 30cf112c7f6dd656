package io.littlehub.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every config that was applied, numbered from 1, with when, who and what changed: for {@code config history|rollback}
 * ({@code NNNN.yaml} + {@code NNNN.meta}). The users' environment keeps its freezes the same way ({@code NNNN.txt}).
 * A config may hold passwords and client secrets, so the folder is root's alone (0700) and every entry 0600.
 */
public final class ConfigHistory {
    public static final Path DEFAULT = Path.of("/var/lib/littlehub/config-history");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    public record Entry(int number, String when, String who, String summary) {
        @Override
        public String toString() {
            return number + "  " + when + "  " + who + "  " + summary;
        }
    }

    private final Path dir;
    private final String extension;

    public ConfigHistory(Path dir) {
        this(dir, ".yaml");
    }

    /** A history of other texts: {@code extension} (like {@code ".txt"}) names the entries' files. */
    public ConfigHistory(Path dir, String extension) {
        this.dir = dir;
        this.extension = extension;
    }

    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path meta : files.filter(p -> p.getFileName().toString().endsWith(".meta"))
                    .sorted()
                    .toList()) {
                String[] f = Files.readString(meta).strip().split("\t", 3);
                int n = Integer.parseInt(meta.getFileName().toString().replace(".meta", ""));
                out.add(new Entry(n, f[0], f.length > 1 ? f[1] : "", f.length > 2 ? f[2] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history in " + dir, e);
        }
        return out;
    }

    /** The newest entry, if any. */
    public Optional<Entry> latest() {
        List<Entry> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public Optional<String> text(int number) {
        Path file = dir.resolve(String.format("%04d", number) + extension);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records an applied config; returns its number. */
    public int record(String text, String who, String summary) {
        int next = list().stream().mapToInt(Entry::number).max().orElse(0) + 1;
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, FOLDER);
            writePrivate(dir.resolve(String.format("%04d", next) + extension), text);
            writePrivate(
                    dir.resolve(String.format("%04d.meta", next)),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\t" + who + "\t" + summary.replace('\n', ' ')
                            + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record in the history " + dir, e);
        }
        return next;
    }

    /**
     * Makes the folder 0700 and every entry in it 0600 (a hub provisioned before entries were private has them
     * world-readable); returns how many paths were changed.
     */
    public int makePrivate() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int changed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                changed += restrict(p, FILE);
            }
            return changed + restrict(dir, FOLDER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the history in " + dir + " private", e);
        }
    }

    private static int restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(mode)) {
            return 0;
        }
        Files.setPosixFilePermissions(path, mode);
        return 1;
    }

    /**
     * Written to a temporary file created 0600 (no reader can open it in between), synced, then renamed into place:
     * an interrupted record leaves no half entry (the entry is listed by its {@code .meta}, written last).
     */
    static void writePrivate(Path file, String text) throws IOException {
        Path fresh = file.resolveSibling("." + file.getFileName() + ".new");
        Files.deleteIfExists(fresh);
        Files.createFile(fresh, PosixFilePermissions.asFileAttribute(FILE));
        try (FileChannel channel = FileChannel.open(fresh, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
