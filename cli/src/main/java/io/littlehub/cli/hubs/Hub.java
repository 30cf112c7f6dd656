package io.littlehub.cli.hubs;

import java.util.List;
import java.util.Map;

/**
 * A hub the laptop knows: how to reach its VM over SSH, and the URL students use. {@code knownHosts}: the file its
 * host key was recorded in when that was not the teacher's usual one (`try`'s test VM keeps its own, which goes with
 * the VM); null: ~/.ssh/known_hosts (or ~/.ssh/config's UserKnownHostsFile). {@code groups} and {@code labels} are
 * the teacher's, from the inventory, for {@code --hubs} ({@link Selection}).
 */
public record Hub(
        String name,
        String host,
        int port,
        String user,
        String identity,
        String url,
        String knownHosts,
        List<String> groups,
        Map<String, String> labels) {
    public Hub {
        groups = groups == null ? List.of() : List.copyOf(groups);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A hub in no group, with no labels. */
    public Hub(String name, String host, int port, String user, String identity, String url, String knownHosts) {
        this(name, host, port, user, identity, url, knownHosts, List.of(), Map.of());
    }

    /** A hub whose host key is in the usual known_hosts. */
    public Hub(String name, String host, int port, String user, String identity, String url) {
        this(name, host, port, user, identity, url, null);
    }

    /** Where its SSH answers, as the inventory's listing and messages show it. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
