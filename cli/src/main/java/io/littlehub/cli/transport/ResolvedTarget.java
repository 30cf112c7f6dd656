package io.littlehub.cli.transport;

import java.nio.file.Path;
import java.util.List;

/**
 * A target with everything decided: the real host name and port, the login user, the keys to try, the agent, the
 * jump host (null: direct), the known_hosts file and what to do with a new host key.
 *
 * @param alias the name as typed (what ~/.ssh/config matched)
 * @param identityFiles key files to try in order (those that do not exist are skipped, except {@code -i})
 * @param agentSocket null: no ssh-agent
 */
public record ResolvedTarget(
        String alias,
        String hostName,
        int port,
        String user,
        List<Path> identityFiles,
        boolean identitiesOnly,
        String agentSocket,
        ResolvedTarget jump,
        Path knownHosts,
        HostKeyPolicy hostKeyPolicy,
        List<String> warnings) {

    /** What to do on first contact with a host whose key is not in known_hosts. A changed key is always refused. */
    public enum HostKeyPolicy {
        /** Show the fingerprint and ask (the default). */
        ASK,
        /** Record it without asking ({@code --yes}, or {@code StrictHostKeyChecking accept-new}). */
        ACCEPT_NEW,
        /** Refuse it ({@code StrictHostKeyChecking yes}). */
        STRICT
    }

    /** How OpenSSH names this host in known_hosts: {@code host} on port 22, {@code [host]:port} otherwise. */
    public String knownHostsName() {
        return port == 22 ? hostName : "[" + hostName + "]:" + port;
    }

    @Override
    public String toString() {
        return user + "@" + hostName + (port == 22 ? "" : ":" + port) + (jump == null ? "" : " via " + jump);
    }
}
