package io.littlehub.common.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarTest {
    private static final String LONG = "home/jupyter-ada/" + "very-long-folder-name/".repeat(8) + "notebook.ipynb";

    private static byte[] sample() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(b)) {
            w.putEntry(TarEntry.directory(
                    "home/jupyter-ada", 0700, 1001, 1001, "jupyter-ada", "jupyter-ada", 1_700_000_000L));
            w.closeEntry();
            w.putFile(
                    TarEntry.file(
                            "home/jupyter-ada/a.txt",
                            0644,
                            1001,
                            1001,
                            "jupyter-ada",
                            "jupyter-ada",
                            5,
                            1_700_000_001L),
                    "hello".getBytes(StandardCharsets.UTF_8));
            byte[] big = new byte[70_000];
            Arrays.fill(big, (byte) 'x');
            w.putFile(TarEntry.file(LONG, 0600, 1001, 1001, "jupyter-ada", "jupyter-ada", big.length, 1L), big);
            w.putFile(
                    TarEntry.file(
                            "home/jupyter-ada/café ünïcode.txt", 0600, 1001, 1001, "jupyter-ada", "jupyter-ada", 0, 1L),
                    new byte[0]);
            w.putEntry(TarEntry.symlink(
                    "home/jupyter-ada/data", "/srv/data", 1001, 1001, "jupyter-ada", "jupyter-ada", 2L));
            w.closeEntry();
            w.putEntry(TarEntry.symlink("home/jupyter-ada/far", "/" + "x/".repeat(80) + "y", 1001, 1001, "", "", 2L));
            w.closeEntry();
            w.putFile(
                    TarEntry.file(
                            "srv/data/big-ids",
                            0640,
                            3_000_000_000L,
                            9_000_000L,
                            "someone-with-a-very-long-user-name-x",
                            "g",
                            1,
                            3L),
                    new byte[] {7});
        }
        return b.toByteArray();
    }

    private static List<TarEntry> readAll(byte[] tar, List<byte[]> contents) throws IOException {
        List<TarEntry> out = new ArrayList<>();
        try (TarReader r = new TarReader(new ByteArrayInputStream(tar))) {
            TarEntry e;
            while ((e = r.next()) != null) {
                out.add(e);
                contents.add(r.content().readAllBytes());
            }
        }
        return out;
    }

    @Test
    void roundTripKeepsTypesModesOwnersLongNamesAndContent() throws IOException {
        List<byte[]> contents = new ArrayList<>();
        List<TarEntry> entries = readAll(sample(), contents);
        assertEquals(7, entries.size());
        assertEquals(
                TarEntry.directory("home/jupyter-ada", 0700, 1001, 1001, "jupyter-ada", "jupyter-ada", 1_700_000_000L),
                entries.get(0));
        assertEquals("hello", new String(contents.get(1), StandardCharsets.UTF_8));
        assertEquals(LONG, entries.get(2).name());
        assertEquals(70_000, contents.get(2).length);
        assertEquals("home/jupyter-ada/café ünïcode.txt", entries.get(3).name());
        assertEquals(TarEntry.Type.SYMLINK, entries.get(4).type());
        assertEquals("/srv/data", entries.get(4).linkTarget());
        assertEquals(162, entries.get(5).linkTarget().length());
        TarEntry ids = entries.get(6);
        assertEquals(3_000_000_000L, ids.uid());
        assertEquals(9_000_000L, ids.gid());
        assertEquals("someone-with-a-very-long-user-name-x", ids.uname());
        assertEquals(0640, ids.mode());
    }

    @Test
    void gnuTarReadsWhatWeWrite(@TempDir Path dir) throws Exception {
        Path tar = dir.resolve("a.tar");
        Files.write(tar, sample());
        Process p = new ProcessBuilder("tar", "-tvf", tar.toString(), "--numeric-owner")
                .redirectErrorStream(true)
                .start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() == 127) {
            return;
        }
        assertEquals(0, p.exitValue(), listing);
        assertTrue(listing.contains(LONG), listing);
        assertTrue(listing.contains("data -> /srv/data"), listing);
    }

    @Test
    void truncatedStreamsAreDetectedWhereverTheyEnd() throws IOException {
        byte[] tar = sample();
        for (int cut : new int[] {0, 100, 512, 700, 1536, 5000, tar.length - 1024, tar.length - 512, tar.length - 1}) {
            byte[] part = Arrays.copyOf(tar, cut);
            TarFormatException e =
                    assertThrows(TarFormatException.class, () -> readAll(part, new ArrayList<>()), "cut at " + cut);
            assertTrue(e.getMessage().contains("truncated"), cut + ": " + e.getMessage());
        }
    }

    @Test
    void aFlippedByteInAHeaderFailsItsChecksum() throws IOException {
        byte[] tar = sample();
        tar[512 + 3] ^= 1; // inside the second header's name
        TarFormatException e = assertThrows(TarFormatException.class, () -> readAll(tar, new ArrayList<>()));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void aFlippedContentByteChangesTheEntrysSha256() throws IOException {
        byte[] tar = sample();
        String before = sha("home/jupyter-ada/a.txt", tar);
        tar[1024] ^= 1; // the first byte of a.txt's content
        assertTrue(!before.equals(sha("home/jupyter-ada/a.txt", tar)));
    }

    private static String sha(String name, byte[] tar) throws IOException {
        try (TarReader r = new TarReader(new ByteArrayInputStream(tar))) {
            TarEntry e;
            while ((e = r.next()) != null) {
                if (e.name().equals(name)) {
                    return r.sha256OfCurrent();
                }
            }
        }
        return null;
    }

    @Test
    void garbageAfterTheEndIsRefused() throws IOException {
        byte[] tar = sample();
        byte[] more = Arrays.copyOf(tar, tar.length + 10);
        more[tar.length + 5] = 'x';
        assertThrows(TarFormatException.class, () -> readAll(more, new ArrayList<>()));
        byte[] zeros = Arrays.copyOf(tar, tar.length + 8192);
        assertEquals(7, readAll(zeros, new ArrayList<>()).size());
    }

    @Test
    void namesThatLeaveTheFolderAreRefused() {
        for (String bad : List.of("/etc/passwd", "a/../../etc", "..", "a//b", "./a", "a/")) {
            assertThrows(TarFormatException.class, () -> TarEntry.file(bad, 0644, 0, 0, "", "", 0, 0), bad);
        }
    }

    @Test
    void otherEntryTypesAreRefused() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(b)) {
            w.putFile(TarEntry.file("a", 0644, 0, 0, "", "", 0, 0), new byte[0]);
        }
        byte[] tar = b.toByteArray();
        tar[156] = '3'; // a character device
        long sum = TarWriter.checksum(Arrays.copyOf(tar, 512));
        byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, tar, 148, 8);
        TarFormatException e = assertThrows(TarFormatException.class, () -> readAll(tar, new ArrayList<>()));
        assertTrue(e.getMessage().contains("not accepted"), e.getMessage());
    }

    @Test
    void paxRecordLengthsCountThemselves() {
        byte[] r = TarWriter.paxRecords(java.util.Map.of("path", "x".repeat(95)));
        String s = new String(r, StandardCharsets.UTF_8);
        assertEquals(Integer.parseInt(s.substring(0, s.indexOf(' '))), r.length);
        assertNull(null);
    }

    @Test
    void shrunkFilesArePaddedAndReported() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(b)) {
            w.putEntry(TarEntry.file("a", 0644, 0, 0, "", "", 10, 0));
            assertTrue(!w.copy(new ByteArrayInputStream(new byte[] {1, 2, 3})));
            w.closeEntry();
        }
        List<byte[]> contents = new ArrayList<>();
        readAll(b.toByteArray(), contents);
        assertArrayEquals(new byte[] {1, 2, 3, 0, 0, 0, 0, 0, 0, 0}, contents.get(0));
    }

    @Test
    void aReferenceToAnEarlierArchiveIsAHeaderOfSizeZeroWithItsSha256() throws IOException {
        String sha = "0123456789abcdef".repeat(4);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(b)) {
            w.putReused(TarEntry.file(LONG, 0600, 1001, 1001, "jupyter-ada", "jupyter-ada", 70_000, 5L), sha);
            w.putFile(
                    TarEntry.file("home/jupyter-ada/a.txt", 0644, 1001, 1001, "jupyter-ada", "jupyter-ada", 5, 1L),
                    "hello".getBytes(StandardCharsets.UTF_8));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> w.putReused(TarEntry.directory("home/x", 0700, 0, 0, "", "", 1L), sha));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> w.putReused(TarEntry.file("home/x", 0700, 0, 0, "", "", 9, 1L), "ab"));
        }
        assertEquals(
                3 * 512 + 2 * 512 + 2 * 512,
                b.size(),
                "pax header, its records, the header; a.txt's header and block; the end");
        try (TarReader r = new TarReader(new ByteArrayInputStream(b.toByteArray()))) {
            TarEntry e = r.next();
            assertEquals(TarEntry.file(LONG, 0600, 1001, 1001, "jupyter-ada", "jupyter-ada", 0, 5L), e);
            assertEquals(sha, r.reusedSha256());
            assertEquals(0, r.content().readAllBytes().length);
            assertEquals("home/jupyter-ada/a.txt", r.next().name());
            assertNull(r.reusedSha256());
            assertNull(r.next());
            assertNull(r.reusedSha256());
        }
    }

    @Test
    void aBadReferenceIsRefused() throws IOException {
        byte[] tar;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(b)) {
            w.putReused(TarEntry.file("home/jupyter-ada/a", 0600, 0, 0, "", "", 9, 1L), "f".repeat(64));
        }
        tar = b.toByteArray();
        int at = new String(tar, StandardCharsets.ISO_8859_1).indexOf("=" + "f".repeat(64));
        tar[at + 1] = 'g';
        byte[] bad = tar;
        assertThrows(TarFormatException.class, () -> new TarReader(new ByteArrayInputStream(bad)).next());
    }

    @Test
    void skipContentPassesOverFilesAndTellsWhereEachStarts(@TempDir Path dir) throws IOException {
        byte[] tar = sample();
        Path file = Files.write(dir.resolve("a.tar"), tar);
        List<Long> offsets = new ArrayList<>();
        try (TarReader r = new TarReader(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            TarEntry e;
            while ((e = r.next()) != null) {
                if (e.name().equals(LONG)) {
                    offsets.add(r.offset());
                }
                r.skipContent();
            }
        }
        assertEquals(1, offsets.size());
        int at = offsets.get(0).intValue();
        assertTrue(
                at % 512 == 0 && tar[at] == 'x' && tar[at + 69_999] == 'x' && tar[at + 70_000] == 0,
                "the content starts there");
        Path cut = Files.write(dir.resolve("cut.tar"), Arrays.copyOf(tar, at + 1000));
        try (TarReader r = new TarReader(Files.newInputStream(cut))) {
            assertThrows(TarFormatException.class, () -> {
                while (r.next() != null) {
                    r.skipContent();
                }
            });
        }
    }
}
