package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintsTest {
    @Test
    void sameAsSshKeygen(@TempDir Path dir) throws Exception {
        for (String type : new String[] {"ed25519", "ecdsa", "rsa"}) {
            Path key = dir.resolve("id_" + type);
            TestKeys.generate(key, type, "");
            String pub = Files.readString(Path.of(key + ".pub")).trim();
            byte[] blob = Base64.getDecoder().decode(pub.split(" ")[1]);
            String keygen = TestKeys.exec("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub")
                    .split(" ")[1];
            assertEquals(keygen, Fingerprints.sha256(blob), type);
            assertEquals(
                    keygen,
                    Fingerprints.sha256(new net.schmizz.sshj.common.Buffer.PlainBuffer(blob).readPublicKey()),
                    type);
        }
        assertEquals("ED25519", Fingerprints.typeLabel("ssh-ed25519"));
        assertEquals("RSA", Fingerprints.typeLabel("rsa-sha2-512"));
        assertEquals("ECDSA", Fingerprints.typeLabel("ecdsa-sha2-nistp256"));
    }
}
