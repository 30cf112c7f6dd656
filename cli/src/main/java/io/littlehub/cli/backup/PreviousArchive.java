package io.littlehub.cli.backup;

import io.littlehub.common.backup.ArchiveLayout;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.TarEntry;
import io.littlehub.common.backup.TarFormatException;
import io.littlehub.common.backup.TarReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An earlier archive of the hub on the laptop, the base of an incremental backup: its manifest (sent to the agent,
 * which then refers to the files it holds unchanged) and where each file's content lies in it ({@link #content}).
 * Opening reads the headers only, skipping the contents (seconds, even for gigabytes), and the manifest: a damaged
 * structure, a truncated file, another hub's archive or one without file times is found before anything is sent. A
 * content is checked against the manifest's SHA-256 when {@link IncrementalMerge} copies it.
 */
final class PreviousArchive implements AutoCloseable {
    private static final String STAMP = "\\d{8}T\\d{6}Z";

    private record Content(long offset, long size) {}

    private final Path file;
    private final Manifest manifest;
    private final Map<String, Manifest.Entry> files = new HashMap<>();
    private final Map<String, Content> contents;
    private final FileChannel channel;

    private PreviousArchive(Path file, Manifest manifest, Map<String, Content> contents) throws IOException {
        this.file = file;
        this.manifest = manifest;
        this.contents = contents;
        for (Manifest.Entry e : manifest.entries()) {
            if ("file".equals(e.type())) {
                Content c = contents.get(e.path());
                if (c == null || e.size() == null || c.size() != e.size()) {
                    throw new TarFormatException("its " + e.path() + " differs from its manifest");
                }
                files.put(e.path(), e);
            }
        }
        this.channel = FileChannel.open(file);
    }

    /**
     * The base for this backup of {@code hub}, or null (everything is sent; a one-line notice says why).
     *
     * @param since the archive the user named, else null: the newest named {@code prefix}TIME{@link ArchiveLayout#SUFFIX} in {@code dir}
     */
    static PreviousArchive choose(Path dir, String prefix, Path since, String hub, PrintStream notices) {
        Path file;
        try {
            file = since != null ? since : newest(dir, prefix);
        } catch (IOException e) {
            notices.println("littlehub: cannot list " + dir + " for an earlier backup (" + e.getMessage()
                    + "): every file is sent");
            return null;
        }
        if (file == null) {
            notices.println("littlehub: no earlier backup of " + hub + " in " + dir + ": every file is sent");
            return null;
        }
        try {
            PreviousArchive earlier = open(file, hub);
            notices.println(
                    "littlehub: only what changed since " + file.getFileName() + " is sent (--full: everything)");
            return earlier;
        } catch (TarFormatException | IOException e) {
            notices.println("littlehub: " + file + " cannot be the base of this backup (" + e.getMessage()
                    + "): every file is sent");
            return null;
        }
    }

    static Path newest(Path dir, String prefix) throws IOException {
        Pattern name = Pattern.compile(Pattern.quote(prefix) + STAMP + Pattern.quote(ArchiveLayout.SUFFIX));
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> name.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .orElse(null);
        }
    }

    static PreviousArchive open(Path file, String hub) throws IOException {
        Map<String, Content> contents = new HashMap<>();
        Manifest manifest = null;
        try (TarReader r = new TarReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            TarEntry e;
            while ((e = r.next()) != null) {
                if (e.name().equals(ArchiveLayout.MANIFEST)) {
                    if (e.size() > Manifest.MAX_BYTES) {
                        throw new TarFormatException(
                                "its manifest is larger than " + (Manifest.MAX_BYTES >> 20) + " MB");
                    }
                    manifest = Manifest.parse(r.content().readAllBytes());
                } else if (e.type() == TarEntry.Type.FILE) {
                    contents.put(e.name(), new Content(r.offset(), e.size()));
                }
                r.skipContent();
            }
        }
        if (manifest == null) {
            throw new TarFormatException("it has no manifest");
        }
        if (!hub.equals(manifest.hub())) {
            throw new TarFormatException("it is a backup of " + manifest.hub() + ", not of " + hub);
        }
        if (manifest.started() == null) {
            throw new TarFormatException(
                    "an older littlehub wrote it, without the file times an incremental backup compares");
        }
        return new PreviousArchive(file, manifest, contents);
    }

    Path file() {
        return file;
    }

    Manifest manifest() {
        return manifest;
    }

    /** The manifest's entry of the file {@code path}, or null when the archive holds no such file. */
    Manifest.Entry entry(String path) {
        return files.get(path);
    }

    /** The content of the file {@code path} as stored (the caller checks its SHA-256); it ends early if the archive shrank. */
    InputStream content(String path) {
        Content c = contents.get(path);
        return new InputStream() {
            private long at = c.offset();
            private final long end = c.offset() + c.size();

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at >= end) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - at)), at);
                if (n > 0) {
                    at += n;
                }
                return n;
            }
        };
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Only read from: nothing is lost when closing it fails.
        }
    }
}
