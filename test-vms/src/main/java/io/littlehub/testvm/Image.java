package io.littlehub.testvm;

import java.nio.file.Path;

/** A built base image: a Debian root tree, the key pair whose public half it trusts, and the files derived from it. */
public record Image(String id, Path dir) {
    public Path rootfs() {
        return dir.resolve("rootfs");
    }

    public Path privateKey() {
        return dir.resolve("id_ed25519");
    }

    public Path publicKey() {
        return dir.resolve("id_ed25519.pub");
    }

    public Path buildInfo() {
        return dir.resolve("build.json");
    }
}
