package io.littlehub.cli.cloudinit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The public key {@code littlehub cloud-init} uses without {@code --key}: the first that exists, in ssh's own order. */
public final class DefaultKey {
    static final List<String> NAMES = List.of("id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub");

    private DefaultKey() {}

    public static Path in(Path home) {
        Path ssh = home.resolve(".ssh");
        return NAMES.stream()
                .map(ssh::resolve)
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("no public key found (looked for " + String.join(", ", NAMES)
                                + " in " + ssh + "): make one with `ssh-keygen -t ed25519`, or give --key FILE"));
    }
}
