package io.littlehub.cli.hubs;

/**
 * A hub the laptop knows: how to reach its VM over SSH, and the URL students use. {@code knownHosts}: the file its
 * host key was recorded in when that was not the teacher's usual one (`try`'s test VM keeps its own, which goes with
 * the VM); null: ~/.ssh/known_hosts (or ~/.ssh/config's UserKnownHostsFile).
 */
public record Hub(String name, String host, int port, String user, String identity, String url, String knownHosts) {
    /** A hub whose host key is in the usual known_hosts. */
    public Hub(String name, String host, int port, String user, String identity, String url) {
        this(name, host, port, user, identity, url, null);
    }
}
