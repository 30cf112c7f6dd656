package io.littlehub.cli.backup;

import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.TarEntry;
import io.littlehub.common.backup.TarFormatException;
import io.littlehub.common.backup.TarReader;
import io.littlehub.common.backup.TarWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Turns the agent's stream of an incremental backup into a complete archive: each reference to the earlier archive
 * ({@link TarReader#reusedSha256}) becomes that file's content, copied from the earlier archive and checked against
 * the SHA-256 both the reference and the earlier manifest give; every other entry is copied as it came. The same
 * {@link TarWriter} writes the entries as the agent writes a full backup, so the result is the archive a full backup
 * would have been, and it is verified downstream like any download.
 */
final class IncrementalMerge {
    private final PreviousArchive earlier;
    private final LongConsumer reused;

    /** @param reused told the size of each file copied from the earlier archive */
    IncrementalMerge(PreviousArchive earlier, LongConsumer reused) {
        this.earlier = earlier;
        this.reused = reused;
    }

    /** Reads the agent's whole stream from {@code in}, writes the complete archive to {@code archive}. */
    void merge(InputStream in, OutputStream archive) throws IOException {
        TarReader stream = new TarReader(in);
        TarWriter out = new TarWriter(archive);
        TarEntry e;
        while ((e = stream.next()) != null) {
            String sha256 = stream.reusedSha256();
            if (sha256 == null) {
                out.putEntry(e);
                out.copy(stream.content());
                out.closeEntry();
                continue;
            }
            Manifest.Entry before = earlier.entry(e.name());
            if (before == null || !sha256.equals(before.sha256())) {
                throw new TarFormatException("the agent refers to " + e.name() + " in " + earlier.file()
                        + ", which does not hold that file with that SHA-256; run `littlehub backup --full`");
            }
            out.putEntry(TarEntry.file(
                    e.name(), e.mode(), e.uid(), e.gid(), e.uname(), e.gname(), before.size(), e.mtime()));
            boolean whole = out.copy(earlier.content(e.name()));
            if (!out.closeEntry().equals(sha256) || !whole) {
                throw new TarFormatException(
                        earlier.file() + " no longer holds " + e.name() + " as its manifest records it (changed"
                                + " or damaged since it was written): run `littlehub backup --full`, which does not use it");
            }
            reused.accept(before.size());
        }
        out.finish();
    }

    /** A merge running in a thread of its own: write the agent's bytes to it, close it at their end, then ask {@link #failure}. */
    static final class Running extends OutputStream {
        private final PipedOutputStream feed;
        private final Thread thread;
        private final AtomicReference<Object> verdict = new AtomicReference<>();

        private Running(IncrementalMerge merge, OutputStream archive) throws IOException {
            PipedInputStream in = new PipedInputStream(1 << 20);
            feed = new PipedOutputStream(in);
            thread = PipeReader.start(
                    "littlehub-backup-merge",
                    in,
                    stream -> {
                        try (archive) {
                            merge.merge(stream, archive);
                        }
                        return archive;
                    },
                    verdict);
        }

        @Override
        public void write(int b) throws IOException {
            feed.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            feed.write(b, off, len);
        }

        /** Ends the agent's stream and waits for the merge to finish. */
        @Override
        public void close() throws IOException {
            feed.close();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the archive was being completed", e);
            }
        }

        /** Why the merge failed, or null when the archive it wrote is complete. */
        String failure() {
            return verdict.get() instanceof String failure ? failure : null;
        }
    }

    /** Starts merging into {@code archive}, which the merge closes when it ends. */
    Running start(OutputStream archive) throws IOException {
        return new Running(this, archive);
    }
}
