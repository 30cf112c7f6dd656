package io.littlehub.common.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a whole backup archive and proves it complete and unchanged: every entry is one a backup holds (nothing
 * extra, no name twice), the manifest is the last entry, and it lists exactly the entries read, in order, with the
 * same type, mode, owner, size and SHA-256 (computed as the bytes stream by). The first problem is thrown as a
 * {@link TarFormatException} naming the entry. A {@link Sink} sees each entry as it is read (the agent unpacks
 * while it verifies; what it unpacked counts only once this returns).
 */
public final class ArchiveVerifier {
    private static final int MAX_SECRETS = 64 << 20;

    /** Receives each entry except the manifest and the secrets; it may read the content or leave it. */
    public interface Sink {
        void entry(TarEntry entry, InputStream content) throws IOException;
    }

    /** A verified archive: its manifest, the encrypted secrets (null when omitted), how many bytes were read. */
    public record Verified(Manifest manifest, byte[] secretsBox, long bytes) {}

    private ArchiveVerifier() {}

    public static Verified verify(InputStream in, Sink sink) throws IOException {
        TarReader reader = new TarReader(in);
        List<Manifest.Entry> seen = new ArrayList<>();
        Set<String> names = new HashSet<>();
        byte[] secrets = null;
        TarEntry e;
        while ((e = reader.next()) != null) {
            String name = e.name();
            if (reader.reusedSha256() != null) {
                throw new TarFormatException("the stream refers to an earlier archive for " + TarNames.printable(name)
                        + " instead of holding its content: it is not a complete archive");
            }
            if (!names.add(name)) {
                throw new TarFormatException("the archive holds " + TarNames.printable(name) + " twice");
            }
            if (name.equals(ArchiveLayout.MANIFEST)) {
                Manifest manifest = Manifest.parse(readAll(reader, e, Manifest.MAX_BYTES));
                TarEntry after = reader.next();
                if (after != null) {
                    throw new TarFormatException(
                            "the archive holds an entry after its manifest: " + TarNames.printable(after.name()));
                }
                compare(manifest, seen, secrets != null);
                return new Verified(manifest, secrets, reader.offset());
            }
            if (name.equals(ArchiveLayout.SECRETS)) {
                if (e.type() != TarEntry.Type.FILE) {
                    throw new TarFormatException(ArchiveLayout.SECRETS + " is not a file");
                }
                secrets = readAll(reader, e, MAX_SECRETS);
            } else if (ArchiveLayout.unitOf(name) == null) {
                throw new TarFormatException(
                        "the archive holds " + TarNames.printable(name) + ", which a littlehub backup never holds");
            } else if (sink != null) {
                sink.entry(e, reader.content());
            }
            seen.add(Manifest.Entry.of(e, reader.sha256OfCurrent()));
        }
        throw new TarFormatException(
                seen.isEmpty()
                        ? "the archive is empty"
                        : "the archive has no manifest: it is truncated after "
                                + TarNames.printable(seen.get(seen.size() - 1).path()) + ", or not a littlehub backup");
    }

    private static void compare(Manifest manifest, List<Manifest.Entry> seen, boolean hasSecrets) {
        List<Manifest.Entry> listed = manifest.entries();
        for (int i = 0; i < Math.max(listed.size(), seen.size()); i++) {
            if (i >= seen.size()) {
                throw new TarFormatException(
                        "the archive lacks " + TarNames.printable(listed.get(i).path()) + ", which its manifest lists");
            }
            Manifest.Entry actual = seen.get(i);
            if (i >= listed.size() || !listed.get(i).path().equals(actual.path())) {
                throw new TarFormatException(
                        "the archive holds " + TarNames.printable(actual.path()) + " where its manifest lists "
                                + (i >= listed.size()
                                        ? "nothing"
                                        : TarNames.printable(listed.get(i).path())));
            }
            String problem = listed.get(i).mismatch(actual);
            if (problem != null) {
                throw new TarFormatException(
                        "the archive's " + TarNames.printable(actual.path()) + " was changed or damaged: " + problem);
            }
        }
        if (hasSecrets != manifest.hasSecrets()) {
            throw new TarFormatException("the manifest says the secrets are " + manifest.secrets()
                    + ", but the archive " + (hasSecrets ? "holds" : "lacks") + " " + ArchiveLayout.SECRETS);
        }
    }

    private static byte[] readAll(TarReader reader, TarEntry e, int max) throws IOException {
        if (e.size() > max) {
            throw new TarFormatException(TarNames.printable(e.name()) + " is too large (" + e.size() + " bytes)");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream((int) e.size());
        reader.content().transferTo(b);
        return b.toByteArray();
    }
}
