package io.littlehub.cli.transport;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import com.hierynomus.sshj.transport.mac.Macs;
import java.util.List;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.SecurityUtils;

/**
 * sshj's defaults with the JDK's own providers only. sshj's defaults register BouncyCastle at the first cryptographic
 * call and then try out ~30 ciphers, most of which only BouncyCastle has (Twofish, Serpent, IDEA…): 0.1 s of every
 * command on a quiet laptop, more on a busy one, before the socket opened. Everything a connection needs is in the JDK
 * (17+): curve25519 and the NIST curves' key exchange (XDH, ECDH), Ed25519, ECDSA and RSA keys and signatures, AES-GCM
 * and AES-CTR (every OpenSSH server offers them by default) and the SHA-2 MACs. Not offered: chacha20-poly1305, whose
 * 64-bit-nonce ChaCha only BouncyCastle has, and the SHA-1, MD5 and RIPEMD MACs. BouncyCastle stays on the class path
 * for the key files that use its code directly (legacy encrypted PEM, PuTTY v3), without being a provider.
 */
final class LaptopSshConfig extends DefaultConfig {
    static {
        SecurityUtils.setRegisterBouncyCastle(false);
        SecurityUtils.setSecurityProvider(null);
    }

    LaptopSshConfig() {
        setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    }

    @Override
    protected void initCipherFactories() {
        // AEAD first: no separate MAC.
        setCipherFactories(List.of(
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
