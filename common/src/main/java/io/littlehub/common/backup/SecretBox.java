package io.littlehub.common.backup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Passphrase encryption of the hub's secrets in a backup, with the JDK only: AES-256-GCM, the key derived with
 * PBKDF2-HMAC-SHA256 from the passphrase and a random 16-byte salt. Layout:
 * <pre>
 * "LHSECRETS1" | iterations (4 bytes, big-endian) | salt (16) | nonce (12) | ciphertext + GCM tag (16)
 * </pre>
 * The header (everything before the ciphertext) is the GCM associated data, so changing the iterations, salt or
 * nonce fails like a wrong passphrase.
 */
public final class SecretBox {
    public static final int ITERATIONS = 600_000;
    /** Fewer than this is refused when reading (the format's floor). */
    public static final int MIN_ITERATIONS = 200_000;

    public static final int MIN_PASSPHRASE = 8;
    private static final byte[] MAGIC = "LHSECRETS1".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT = 16;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER = MAGIC.length + 4 + SALT + NONCE;

    private SecretBox() {}

    /** The wrong passphrase, or the encrypted secrets were changed: the two cannot be told apart (by design). */
    public static final class WrongPassphrase extends RuntimeException {
        WrongPassphrase() {
            super(
                    "the passphrase does not open the archive's secrets (a wrong passphrase, or the secrets were changed)");
        }
    }

    public static byte[] encrypt(byte[] plain, char[] passphrase) {
        return encrypt(plain, passphrase, ITERATIONS);
    }

    static byte[] encrypt(byte[] plain, char[] passphrase, int iterations) {
        checkPassphrase(passphrase);
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(HEADER)
                .put(MAGIC)
                .putInt(iterations)
                .put(salt)
                .put(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(passphrase, salt, iterations), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(header.array());
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(HEADER + sealed.length)
                    .put(header.array())
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this Java: " + e.getMessage(), e);
        }
    }

    public static byte[] decrypt(byte[] box, char[] passphrase) {
        if (box.length < HEADER + TAG_BITS / 8 || !Arrays.equals(Arrays.copyOf(box, MAGIC.length), MAGIC)) {
            throw new TarFormatException("the archive's encrypted secrets are damaged (not a littlehub secrets box)");
        }
        ByteBuffer b = ByteBuffer.wrap(box);
        b.position(MAGIC.length);
        int iterations = b.getInt();
        if (iterations < MIN_ITERATIONS || iterations > 50_000_000) {
            throw new TarFormatException(
                    "the archive's encrypted secrets are damaged (key derivation of " + iterations + " iterations)");
        }
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        b.get(salt).get(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(passphrase, salt, iterations), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(box, 0, HEADER);
            return c.doFinal(box, HEADER, box.length - HEADER);
        } catch (AEADBadTagException e) {
            throw new WrongPassphrase();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this Java: " + e.getMessage(), e);
        }
    }

    public static void checkPassphrase(char[] passphrase) {
        if (passphrase == null || passphrase.length < MIN_PASSPHRASE) {
            throw new IllegalArgumentException("the passphrase must have at least " + MIN_PASSPHRASE + " characters");
        }
    }

    private static SecretKeySpec key(char[] passphrase, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            byte[] k = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
            return new SecretKeySpec(k, "AES");
        } finally {
            spec.clearPassword();
        }
    }
}
