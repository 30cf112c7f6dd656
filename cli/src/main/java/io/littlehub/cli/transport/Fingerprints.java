package io.littlehub.cli.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Locale;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** Key fingerprints as OpenSSH shows them: {@code SHA256:} and the unpadded base64 of the key blob's SHA-256. */
public final class Fingerprints {
    private Fingerprints() {}

    public static String sha256(byte[] keyBlob) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(PublicKey key) {
        return sha256(blob(key));
    }

    /** The SSH wire encoding of a public key (what known_hosts and authorized_keys hold in base64). */
    public static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    /** ED25519, ECDSA, RSA…: the short name OpenSSH prints next to a fingerprint. */
    public static String typeLabel(PublicKey key) {
        return typeLabel(KeyType.fromKey(key).toString());
    }

    static String typeLabel(String sshType) {
        if (sshType.startsWith("ssh-ed25519")) {
            return "ED25519";
        }
        if (sshType.startsWith("ecdsa-")) {
            return "ECDSA";
        }
        if (sshType.startsWith("ssh-rsa") || sshType.startsWith("rsa-")) {
            return "RSA";
        }
        return sshType.toUpperCase(Locale.ROOT);
    }
}
