package io.littlehub.agent.backup;

import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.TarEntry;
import io.littlehub.common.backup.TarFormatException;
import io.littlehub.common.backup.TarReader;
import io.littlehub.common.backup.TarWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Which files of a backup the earlier archive the laptop holds has already (rsync's quick check): a regular file with
 * the same size and modification time as its entry in that archive's manifest is not read or sent again; the
 * archive stream refers to the earlier content instead ({@link TarWriter#putReused}). Also required: the time is
 * before the earlier backup began (a file modified while it ran, in the second it was read, may hold other bytes
 * now under the same time), and the file is larger than two blocks (a reference costs two blocks more than a header,
 * so smaller files are cheaper to send). Mode and owner need not match: the new header carries them, only the
 * content is reused. A file rewritten with its size and time kept (touch -d, a restore of times) is not noticed.
 */
public final class QuickCheck {
    /** Every file is sent. */
    public static final QuickCheck NONE = new QuickCheck(Map.of(), Long.MIN_VALUE);

    private final Map<String, Manifest.Entry> files;
    private final long started;

    private QuickCheck(Map<String, Manifest.Entry> files, long started) {
        this.files = files;
        this.started = started;
    }

    /** Against {@code earlier}'s files; {@link #NONE} for a manifest without times (written by an older littlehub). */
    public static QuickCheck of(Manifest earlier) {
        if (earlier.started() == null) {
            return NONE;
        }
        long started;
        try {
            started = Instant.parse(earlier.started()).getEpochSecond();
        } catch (DateTimeParseException e) {
            throw new TarFormatException("the earlier archive's manifest has a bad start time: " + earlier.started());
        }
        Map<String, Manifest.Entry> files = new HashMap<>();
        for (Manifest.Entry e : earlier.entries()) {
            if ("file".equals(e.type()) && e.mtime() != null && e.size() != null && TarReader.isSha256(e.sha256())) {
                files.put(e.path(), e);
            }
        }
        return new QuickCheck(files, started);
    }

    /** The SHA-256 of {@code e}'s content in the earlier archive when it need not be sent, else null. */
    public String sameAs(TarEntry e) {
        if (e.type() != TarEntry.Type.FILE || e.size() <= 2L * TarWriter.BLOCK || e.mtime() >= started) {
            return null;
        }
        Manifest.Entry before = files.get(e.name());
        return before != null && before.size() == e.size() && before.mtime() == e.mtime() ? before.sha256() : null;
    }
}
