package io.littlehub.common.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a POSIX tar stream (ustar headers; a pax extended header before an entry whose name, link target, owner
 * names, size or ids do not fit ustar's fields, or are not ASCII). Only regular files, directories and symlinks.
 * Ends with the two zero blocks of the end-of-archive marker. GNU tar and bsdtar read what it writes.
 * <p>An incremental backup's stream ({@link #putReused}) may also hold references to an earlier archive instead of
 * a file's content: a pax record {@value #SAME} = the content's SHA-256, and a header of size 0. Only the laptop
 * reads such a stream, and it replaces each reference with the content before anything is stored.
 */
public final class TarWriter implements AutoCloseable {
    public static final int BLOCK = 512;
    /** The pax keyword (a vendor one: other tar readers ignore it) of a reference to an earlier archive's content. */
    static final String SAME = "LITTLEHUB.same";

    private static final long MAX_OCTAL_11 = 077777777777L;
    private static final long MAX_OCTAL_7 = 07777777L;

    private final OutputStream out;
    private TarEntry current;
    private long remaining;
    private MessageDigest digest;
    private boolean finished;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts an entry; a file's {@code size} bytes follow through {@link #write}, then {@link #closeEntry}. */
    public void putEntry(TarEntry e) throws IOException {
        writeHeaders(e, null);
        current = e;
        remaining = e.size();
        digest = sha256();
    }

    /**
     * A file whose content the reader already has, in an earlier archive, with this SHA-256: its headers only (size 0
     * on the wire, the file's size is the earlier archive's). The entry is complete: no {@link #closeEntry}.
     */
    public void putReused(TarEntry e, String sha256) throws IOException {
        if (e.type() != TarEntry.Type.FILE || !TarReader.isSha256(sha256)) {
            throw new IllegalArgumentException(
                    "only a file with a SHA-256 can refer to an earlier archive: " + e.name());
        }
        writeHeaders(TarEntry.file(e.name(), e.mode(), e.uid(), e.gid(), e.uname(), e.gname(), 0, e.mtime()), sha256);
    }

    /** The pax header (when needed) and the ustar header of {@code e}; {@code same}: the {@link #SAME} record, or null. */
    private void writeHeaders(TarEntry e, String same) throws IOException {
        if (current != null) {
            throw new IllegalStateException("the previous entry was not closed: " + current.name());
        }
        Map<String, String> pax = new LinkedHashMap<>();
        byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
        String headerName = e.type() == TarEntry.Type.DIRECTORY ? e.name() + "/" : e.name();
        if (name.length + 1 > 100 || !ascii(e.name())) {
            pax.put("path", e.name());
            headerName = "longname";
        }
        String link = e.linkTarget() == null ? "" : e.linkTarget();
        if (link.getBytes(StandardCharsets.UTF_8).length > 100 || !ascii(link)) {
            pax.put("linkpath", link);
            link = "longlink";
        }
        if (e.size() > MAX_OCTAL_11) {
            pax.put("size", Long.toString(e.size()));
        }
        if (e.uid() > MAX_OCTAL_7) {
            pax.put("uid", Long.toString(e.uid()));
        }
        if (e.gid() > MAX_OCTAL_7) {
            pax.put("gid", Long.toString(e.gid()));
        }
        if (e.uname().getBytes(StandardCharsets.UTF_8).length > 31 || !ascii(e.uname())) {
            pax.put("uname", e.uname());
        }
        if (e.gname().getBytes(StandardCharsets.UTF_8).length > 31 || !ascii(e.gname())) {
            pax.put("gname", e.gname());
        }
        if (same != null) {
            pax.put(SAME, same);
        }
        if (!pax.isEmpty()) {
            byte[] records = paxRecords(pax);
            out.write(header("PaxHeaders/entry", 'x', 0644, 0, 0, "", "", records.length, e.mtime(), ""));
            out.write(records);
            pad(records.length);
        }
        char type = switch (e.type()) {
            case FILE -> '0';
            case DIRECTORY -> '5';
            case SYMLINK -> '2';
        };
        out.write(header(
                headerName,
                type,
                e.mode(),
                Math.min(e.uid(), MAX_OCTAL_7),
                Math.min(e.gid(), MAX_OCTAL_7),
                pax.containsKey("uname") ? "" : e.uname(),
                pax.containsKey("gname") ? "" : e.gname(),
                Math.min(e.size(), MAX_OCTAL_11),
                e.mtime(),
                link));
    }

    /** Content of the current file entry; never more than its size. */
    public void write(byte[] b, int off, int len) throws IOException {
        if (current == null || len > remaining) {
            throw new IllegalStateException(
                    "more content than the entry's size" + (current == null ? "" : ": " + current.name()));
        }
        out.write(b, off, len);
        digest.update(b, off, len);
        remaining -= len;
    }

    /**
     * Copies the file's content from {@code in}: exactly its size. A file that shrank while it was read is padded
     * with zero bytes (the archive stays well-formed); returns false then.
     */
    public boolean copy(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (remaining > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n < 0) {
                byte[] zeros = new byte[buf.length];
                while (remaining > 0) {
                    write(zeros, 0, (int) Math.min(zeros.length, remaining));
                }
                return false;
            }
            write(buf, 0, n);
        }
        return true;
    }

    /** Ends the current entry; returns the SHA-256 (hex) of its content (that of no bytes for a directory or link). */
    public String closeEntry() throws IOException {
        if (current == null) {
            throw new IllegalStateException("no entry is open");
        }
        if (remaining != 0) {
            throw new IllegalStateException(current.name() + ": " + remaining + " bytes of content missing");
        }
        pad(current.size());
        current = null;
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A whole file entry from bytes in memory; its SHA-256. */
    public String putFile(TarEntry e, byte[] content) throws IOException {
        putEntry(e);
        write(content, 0, content.length);
        return closeEntry();
    }

    /** Writes the end-of-archive marker (two zero blocks). The stream stays open. */
    public void finish() throws IOException {
        if (current != null) {
            throw new IllegalStateException("the last entry was not closed: " + current.name());
        }
        if (!finished) {
            out.write(new byte[2 * BLOCK]);
            out.flush();
            finished = true;
        }
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    static byte[] paxRecords(Map<String, String> pax) {
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, String> kv : pax.entrySet()) {
            String body = " " + kv.getKey() + "=" + kv.getValue() + "\n";
            int bodyLen = body.getBytes(StandardCharsets.UTF_8).length;
            int len = bodyLen + 1;
            while (len != bodyLen + Integer.toString(len).length()) {
                len = bodyLen + Integer.toString(len).length();
            }
            all.append(len).append(body);
        }
        return all.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] header(
            String name,
            char type,
            int mode,
            long uid,
            long gid,
            String uname,
            String gname,
            long size,
            long mtime,
            String link) {
        byte[] h = new byte[BLOCK];
        text(h, 0, 100, name);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, Math.max(0, Math.min(mtime, MAX_OCTAL_11)));
        h[156] = (byte) type;
        text(h, 157, 100, link);
        text(h, 257, 6, "ustar");
        h[263] = '0';
        h[264] = '0';
        text(h, 265, 32, uname);
        text(h, 297, 32, gname);
        octal(h, 329, 8, 0);
        octal(h, 337, 8, 0);
        long sum = checksum(h);
        String s = String.format("%06o", sum);
        text(h, 148, 6, s);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    /** The header's checksum: the sum of its bytes, the checksum field counted as spaces. */
    static long checksum(byte[] h) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        return sum;
    }

    private static void text(byte[] h, int off, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > len) {
            throw new IllegalArgumentException("tar field too long: " + s);
        }
        System.arraycopy(b, 0, h, off, b.length);
    }

    private static void octal(byte[] h, int off, int len, long value) {
        String s = Long.toOctalString(value);
        s = "0".repeat(Math.max(0, len - 1 - s.length())) + s;
        text(h, off, len - 1, s);
        h[off + len - 1] = 0;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20 || s.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
