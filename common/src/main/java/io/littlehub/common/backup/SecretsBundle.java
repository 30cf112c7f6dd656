package io.littlehub.common.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub's secrets as one small tar (files, and the folders of {@link ArchiveLayout#SECRET_TREES}; names
 * {@link ArchiveLayout#isSecret}), encrypted whole by {@link SecretBox}.
 */
public final class SecretsBundle {
    /** One secret file and its content. */
    public record Secret(TarEntry entry, byte[] content) {}

    private SecretsBundle() {}

    public static byte[] seal(List<Secret> secrets, char[] passphrase) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(b)) {
            for (Secret s : secrets) {
                check(s.entry());
                w.putFile(s.entry(), s.content());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SecretBox.encrypt(b.toByteArray(), passphrase);
    }

    /** The secrets in a box; {@link SecretBox.WrongPassphrase} when the passphrase does not open it. */
    public static List<Secret> open(byte[] box, char[] passphrase) {
        byte[] plain = SecretBox.decrypt(box, passphrase);
        List<Secret> out = new ArrayList<>();
        try (TarReader r = new TarReader(new ByteArrayInputStream(plain))) {
            TarEntry e;
            while ((e = r.next()) != null) {
                check(e);
                out.add(new Secret(e, r.content().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void check(TarEntry e) {
        boolean folder = e.type() == TarEntry.Type.DIRECTORY && ArchiveLayout.secretTreeOf(e.name()) != null;
        if (!(e.type() == TarEntry.Type.FILE || folder) || !ArchiveLayout.isSecret(e.name())) {
            throw new TarFormatException("the encrypted secrets hold " + TarNames.printable(e.name())
                    + ", which is not one of the hub's secrets");
        }
    }
}
