package io.littlehub.common.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final char[] PASS = "correct horse battery".toCharArray();

    @Test
    void roundTrip() {
        byte[] plain = "CONFIGPROXY_AUTH_TOKEN=abc\n".getBytes(StandardCharsets.UTF_8);
        byte[] box = SecretBox.encrypt(plain, PASS, SecretBox.MIN_ITERATIONS);
        assertArrayEquals(plain, SecretBox.decrypt(box, PASS));
        // A random salt and nonce each time.
        assertNotEquals(
                new String(box, StandardCharsets.ISO_8859_1),
                new String(SecretBox.encrypt(plain, PASS, SecretBox.MIN_ITERATIONS), StandardCharsets.ISO_8859_1));
    }

    @Test
    void theWrongPassphraseIsRefused() {
        byte[] box = SecretBox.encrypt(new byte[] {1, 2, 3}, PASS, SecretBox.MIN_ITERATIONS);
        assertThrows(
                SecretBox.WrongPassphrase.class, () -> SecretBox.decrypt(box, "correct horse battery!".toCharArray()));
    }

    @Test
    void changedCiphertextOrHeaderIsRefused() {
        byte[] box = SecretBox.encrypt(new byte[] {1, 2, 3}, PASS, SecretBox.MIN_ITERATIONS);
        byte[] body = box.clone();
        body[body.length - 1] ^= 1;
        assertThrows(SecretBox.WrongPassphrase.class, () -> SecretBox.decrypt(body, PASS));
        byte[] salt = box.clone();
        salt[15] ^= 1;
        assertThrows(SecretBox.WrongPassphrase.class, () -> SecretBox.decrypt(salt, PASS));
        byte[] weak = box.clone();
        weak[10] = 0;
        weak[11] = 0;
        weak[12] = 0;
        weak[13] = 1; // 1 iteration: below the floor
        assertThrows(TarFormatException.class, () -> SecretBox.decrypt(weak, PASS));
    }

    @Test
    void shortPassphrasesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SecretBox.encrypt(new byte[0], "short".toCharArray()));
    }

    @Test
    void bundleRoundTripAcceptsOnlyTheHubsSecrets() {
        TarEntry cookie =
                TarEntry.file("opt/littlehub/state/jupyterhub_cookie_secret", 0600, 0, 0, "root", "root", 3, 1);
        TarEntry dbm = TarEntry.file("opt/littlehub/state/passwords.dbm.db", 0600, 0, 0, "root", "root", 2, 1);
        byte[] box = SecretsBundle.seal(
                List.of(
                        new SecretsBundle.Secret(cookie, new byte[] {1, 2, 3}),
                        new SecretsBundle.Secret(dbm, new byte[] {4, 5})),
                PASS);
        List<SecretsBundle.Secret> back = SecretsBundle.open(box, PASS);
        assertEquals(2, back.size());
        assertEquals(cookie, back.get(0).entry());
        assertArrayEquals(new byte[] {4, 5}, back.get(1).content());
        TarEntry https = TarEntry.directory("var/lib/littlehub/https/caddy", 0700, 0, 0, "caddy", "caddy", 1);
        assertEquals(
                https,
                SecretsBundle.open(
                                SecretsBundle.seal(List.of(new SecretsBundle.Secret(https, new byte[0])), PASS), PASS)
                        .get(0)
                        .entry());
        TarEntry folder = TarEntry.directory("opt/littlehub/state", 0700, 0, 0, "root", "root", 1);
        assertThrows(
                TarFormatException.class,
                () -> SecretsBundle.seal(List.of(new SecretsBundle.Secret(folder, new byte[0])), PASS));
        TarEntry other = TarEntry.file("etc/shadow", 0600, 0, 0, "root", "root", 0, 1);
        assertThrows(
                TarFormatException.class,
                () -> SecretsBundle.seal(List.of(new SecretsBundle.Secret(other, new byte[0])), PASS));
    }
}
