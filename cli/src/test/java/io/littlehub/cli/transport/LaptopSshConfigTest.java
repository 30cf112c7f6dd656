package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;
import net.schmizz.sshj.transport.mac.MAC;
import org.junit.jupiter.api.Test;

class LaptopSshConfigTest {
    @Test
    void everyCipherAndMacOfferedWorks() throws Exception {
        LaptopSshConfig config = new LaptopSshConfig();
        assertEquals(
                List.of(
                        "chacha20-poly1305@openssh.com",
                        "aes256-gcm@openssh.com",
                        "aes128-gcm@openssh.com",
                        "aes256-ctr",
                        "aes192-ctr",
                        "aes128-ctr"),
                config.getCipherFactories().stream().map(Factory.Named::getName).toList());
        for (Factory.Named<Cipher> f : config.getCipherFactories()) {
            Cipher c = f.create();
            c.init(Cipher.Mode.Encrypt, new byte[c.getBlockSize()], new byte[c.getIVSize()]);
        }
        for (Factory.Named<MAC> f : config.getMACFactories()) {
            f.create().init(new byte[64]);
        }
    }
}
