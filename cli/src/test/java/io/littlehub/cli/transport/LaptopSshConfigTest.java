package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.List;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.cipher.Cipher;
import net.schmizz.sshj.transport.mac.MAC;
import org.junit.jupiter.api.Test;

class LaptopSshConfigTest {
    @Test
    void everyCipherAndMacOfferedWorksWithTheJdkAlone() throws Exception {
        LaptopSshConfig config = new LaptopSshConfig();
        assertEquals(
                List.of("aes256-gcm@openssh.com", "aes128-gcm@openssh.com", "aes256-ctr", "aes192-ctr", "aes128-ctr"),
                config.getCipherFactories().stream().map(Factory.Named::getName).toList());
        for (Factory.Named<Cipher> f : config.getCipherFactories()) {
            Cipher c = f.create();
            c.init(Cipher.Mode.Encrypt, new byte[c.getBlockSize()], new byte[c.getIVSize()]);
        }
        for (Factory.Named<MAC> f : config.getMACFactories()) {
            f.create().init(new byte[64]);
        }
        // sshj asks the JCA without naming a provider (other tests in this JVM may have added BouncyCastle for their
        // own
        // keys; run alone, this test fails on any cipher only BouncyCastle has, as chacha20-poly1305 did).
        assertNull(SecurityUtils.getSecurityProvider(), "sshj does not make BouncyCastle its provider");
    }

    @Test
    void curve25519KeyExchangeAndEd25519KeysComeFromTheJdk() throws Exception {
        assertTrue(new LaptopSshConfig()
                .getKeyExchangeFactories().stream()
                        .map(Factory.Named::getName)
                        .toList()
                        .contains("curve25519-sha256"));
        assertEquals(
                "SunEC", KeyPairGenerator.getInstance("X25519").getProvider().getName());
        assertEquals("SunEC", KeyFactory.getInstance("Ed25519").getProvider().getName());
        assertEquals("SunEC", Signature.getInstance("Ed25519").getProvider().getName());
    }
}
