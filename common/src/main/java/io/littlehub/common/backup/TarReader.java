package io.littlehub.common.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads the tar streams {@link TarWriter} writes, strictly: every header's checksum and magic are checked, only
 * files, directories, symlinks and pax extended headers are accepted, names are relative and never contain
 * {@code ..}, a stream that ends early is "truncated", and after the end-of-archive marker only zero bytes may follow.
 * The SHA-256 of each file's content is computed as it is read ({@link #sha256OfCurrent}). A reference to an
 * earlier archive ({@link TarWriter#putReused}) is read as a file of size 0 with {@link #reusedSha256}.
 */
public final class TarReader implements AutoCloseable {
    private static final int BLOCK = TarWriter.BLOCK;
    private static final long MAX_PAX = 1 << 20;
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private final InputStream in;
    private long offset;
    private TarEntry current;
    private long remaining;
    private MessageDigest digest;
    private String reused;
    private boolean ended;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** Bytes read so far. */
    public long offset() {
        return offset;
    }

    /** The next entry (its content unread), or null after the end-of-archive marker. */
    public TarEntry next() throws IOException {
        if (ended) {
            return null;
        }
        if (current != null) {
            skipRest();
        }
        reused = null;
        Map<String, String> pax = null;
        while (true) {
            byte[] h = new byte[BLOCK];
            long at = offset;
            int n = readFully(h, 0, BLOCK);
            if (n == 0 && at > 0 && pax == null) {
                throw new TarFormatException(
                        "the archive is truncated: it ends after " + at + " bytes without its end-of-archive marker");
            }
            if (n < BLOCK) {
                throw new TarFormatException("the archive is truncated: it ends inside a header at byte " + at);
            }
            if (allZero(h)) {
                if (pax != null) {
                    throw new TarFormatException("damaged archive: an extended header at byte " + at + " has no entry");
                }
                byte[] second = new byte[BLOCK];
                if (readFully(second, 0, BLOCK) < BLOCK || !allZero(second)) {
                    throw new TarFormatException(
                            "damaged or truncated archive: incomplete end-of-archive marker at byte " + at);
                }
                byte[] rest = new byte[8192];
                int r;
                while ((r = in.read(rest)) >= 0) {
                    for (int i = 0; i < r; i++) {
                        if (rest[i] != 0) {
                            throw new TarFormatException(
                                    "extra data after the end of the archive (byte " + (offset + i) + ")");
                        }
                    }
                    offset += r;
                }
                ended = true;
                return null;
            }
            long want = parseOctal(h, 148, 8, at, "checksum");
            if (want != TarWriter.checksum(h)) {
                throw new TarFormatException("damaged archive: the header at byte " + at + " fails its checksum");
            }
            if (!(h[257] == 'u'
                    && h[258] == 's'
                    && h[259] == 't'
                    && h[260] == 'a'
                    && h[261] == 'r'
                    && h[262] == 0
                    && h[263] == '0'
                    && h[264] == '0')) {
                throw new TarFormatException(
                        "not a littlehub archive: the header at byte " + at + " is not POSIX ustar");
            }
            char type = (char) h[156];
            long size = parseOctal(h, 124, 12, at, "size");
            if (type == 'x') {
                if (pax != null || size > MAX_PAX) {
                    throw new TarFormatException("damaged archive: bad extended header at byte " + at);
                }
                byte[] records = new byte[(int) size];
                if (readFully(records, 0, records.length) < records.length) {
                    throw new TarFormatException(
                            "the archive is truncated: it ends inside an extended header at byte " + at);
                }
                skipPadding(size);
                pax = parsePax(records, at);
                continue;
            }
            String name = field(h, 0, 100);
            String prefix = field(h, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            String link = field(h, 157, 100);
            long uid = parseOctal(h, 108, 8, at, "uid");
            long gid = parseOctal(h, 116, 8, at, "gid");
            String uname = field(h, 265, 32);
            String gname = field(h, 297, 32);
            if (pax != null) {
                name = pax.getOrDefault("path", name);
                link = pax.getOrDefault("linkpath", link);
                uname = pax.getOrDefault("uname", uname);
                gname = pax.getOrDefault("gname", gname);
                try {
                    size = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : size;
                    uid = pax.containsKey("uid") ? Long.parseLong(pax.get("uid")) : uid;
                    gid = pax.containsKey("gid") ? Long.parseLong(pax.get("gid")) : gid;
                } catch (NumberFormatException e) {
                    throw new TarFormatException("damaged archive: a number in the extended header at byte " + at);
                }
            }
            TarEntry.Type t = switch (type) {
                case '0', '\0' -> TarEntry.Type.FILE;
                case '5' -> TarEntry.Type.DIRECTORY;
                case '2' -> TarEntry.Type.SYMLINK;
                default ->
                    throw new TarFormatException("entry type '" + type + "' at byte " + at
                            + " is not accepted (only files, folders, symlinks)");
            };
            if (t == TarEntry.Type.DIRECTORY && name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
            if (t != TarEntry.Type.FILE && size != 0) {
                throw new TarFormatException(
                        "damaged archive: " + TarNames.printable(name) + " has content but is not a file");
            }
            int mode = (int) parseOctal(h, 100, 8, at, "mode");
            long mtime = parseOctal(h, 136, 12, at, "mtime");
            current = new TarEntry(
                    name,
                    t,
                    mode & 07777,
                    uid,
                    gid,
                    uname,
                    gname,
                    size,
                    mtime,
                    t == TarEntry.Type.SYMLINK ? link : null);
            reused = pax == null ? null : pax.get(TarWriter.SAME);
            if (reused != null && (t != TarEntry.Type.FILE || size != 0 || !isSha256(reused))) {
                throw new TarFormatException(
                        "damaged stream: a bad reference to an earlier archive for " + TarNames.printable(name));
            }
            remaining = size;
            digest = TarWriter.sha256();
            return current;
        }
    }

    /**
     * For the entry {@link #next} returned last: the SHA-256 of its content in an earlier archive when the stream
     * refers to it instead of holding it ({@link TarWriter#putReused}), else null.
     */
    public String reusedSha256() {
        return reused;
    }

    public static boolean isSha256(String s) {
        return s != null && SHA256.matcher(s).matches();
    }

    /**
     * Passes over the current file's content and padding without reading or hashing it (a seek on a file): for a
     * reader that needs only the headers and where each content starts ({@link #offset} after {@link #next}). A
     * stream that ends inside is found truncated by the following {@link #next}.
     */
    public void skipContent() throws IOException {
        if (current == null) {
            return;
        }
        long rest = remaining == 0 ? 0 : remaining + (BLOCK - current.size() % BLOCK) % BLOCK;
        while (rest > 0) {
            long n = in.skip(rest);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new TarFormatException(
                            "the archive is truncated: it ends inside " + TarNames.printable(current.name()));
                }
                n = 1;
            }
            rest -= n;
            offset += n;
        }
        remaining = 0;
        current = null;
        digest = null;
    }

    /** Reads up to {@code len} bytes of the current file's content; -1 at its end. */
    public int read(byte[] b, int off, int len) throws IOException {
        if (current == null || remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new TarFormatException(
                    "the archive is truncated: it ends inside " + TarNames.printable(current.name()));
        }
        offset += n;
        remaining -= n;
        digest.update(b, off, n);
        if (remaining == 0) {
            skipPadding(current.size());
        }
        return n;
    }

    /** The current file's content as a stream (closing it does not close the archive). */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return TarReader.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : TarReader.this.read(b, off, len);
            }
        };
    }

    /** Reads the rest of the current entry and returns the SHA-256 (hex) of all its content. */
    public String sha256OfCurrent() throws IOException {
        skipRest();
        return HexFormat.of().formatHex(digest.digest());
    }

    private void skipRest() throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (remaining > 0) {
            read(buf, 0, buf.length);
        }
        current = null;
    }

    private void skipPadding(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            byte[] pad = new byte[BLOCK - rest];
            if (readFully(pad, 0, pad.length) < pad.length) {
                throw new TarFormatException(
                        "the archive is truncated: it ends inside an entry's padding at byte " + offset);
            }
        }
    }

    private int readFully(byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        offset += total;
        return total;
    }

    private static Map<String, String> parsePax(byte[] records, long at) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < records.length) {
            int sp = i;
            while (sp < records.length && records[sp] != ' ') {
                sp++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(records, i, sp - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new TarFormatException("damaged archive: bad extended header record at byte " + at);
            }
            if (len <= sp - i + 1 || i + len > records.length || records[i + len - 1] != '\n') {
                throw new TarFormatException("damaged archive: bad extended header record at byte " + at);
            }
            String kv = new String(records, sp + 1, i + len - 1 - (sp + 1), StandardCharsets.UTF_8);
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new TarFormatException("damaged archive: bad extended header record at byte " + at);
            }
            out.put(kv.substring(0, eq), kv.substring(eq + 1));
            i += len;
        }
        return out;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long parseOctal(byte[] h, int off, int len, long at, String what) {
        String s = field(h, off, len).strip();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new TarFormatException(
                    "damaged archive: the " + what + " of the header at byte " + at + " is not a number");
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
