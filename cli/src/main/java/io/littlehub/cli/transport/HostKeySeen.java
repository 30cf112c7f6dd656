package io.littlehub.cli.transport;

import java.nio.file.Path;
import java.security.PublicKey;

/** A host key a connection accepted: which known_hosts file named it for which host. */
record HostKeySeen(Path knownHosts, String hostName, int port, PublicKey key) {
    /** Whether the file names the same key for the host still (asking nobody, recording nothing). */
    boolean stillNamed() {
        return key != null && KnownHostsVerifier.stillNames(knownHosts, hostName, port, key);
    }
}
