package io.littlehub.cli.transport;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import com.hierynomus.sshj.transport.mac.Macs;
import java.util.List;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;

/**
 * sshj's defaults, offering only the ciphers and MACs OpenSSH servers use. sshj's defaults try out ~30 ciphers at
 * every connection (Twofish, Serpent, IDEA, CAST, Blowfish, 3DES, RC4…), each initialised through BouncyCastle, before
 * the socket opens. Offered: chacha20-poly1305, AES-GCM, AES-CTR and the SHA-2 MACs. BouncyCastle stays sshj's
 * provider: sshj asks for JCA names only it has ("ECDSA" key factories for ECDSA host and user keys; the JDK's is "EC").
 */
final class LaptopSshConfig extends DefaultConfig {
    LaptopSshConfig() {
        setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    }

    @Override
    protected void initCipherFactories() {
        // OpenSSH's own order; AEAD first, so no separate MAC.
        setCipherFactories(List.of(
                ChachaPolyCiphers.CHACHA_POLY_OPENSSH(),
                GcmCiphers.AES256GCM(),
                GcmCiphers.AES128GCM(),
                BlockCiphers.AES256CTR(),
                BlockCiphers.AES192CTR(),
                BlockCiphers.AES128CTR()));
    }

    @Override
    protected void initMACFactories() {
        setMACFactories(List.of(Macs.HMACSHA2256Etm(), Macs.HMACSHA2512Etm(), Macs.HMACSHA2256(), Macs.HMACSHA2512()));
    }
}
