package io.littlehub.cli.transport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A {@link ResolvedTarget} as properties: what a command hands the {@link ConnectionHolder} it starts (on its stdin, not
 * in its arguments), and what names the holder's socket ({@link #key}), so commands to the same VM with the same
 * login share one holder ({@link #sharing} says what decides it).
 */
final class HeldTarget {
    private HeldTarget() {}

    static Properties write(ResolvedTarget t) {
        Properties p = new Properties();
        write(t, "", p);
        return p;
    }

    private static void write(ResolvedTarget t, String prefix, Properties p) {
        p.setProperty(prefix + "alias", t.alias());
        p.setProperty(prefix + "host", t.hostName());
        p.setProperty(prefix + "port", Integer.toString(t.port()));
        p.setProperty(prefix + "user", t.user());
        p.setProperty(prefix + "identities", Integer.toString(t.identityFiles().size()));
        for (int i = 0; i < t.identityFiles().size(); i++) {
            p.setProperty(prefix + "identity." + i, t.identityFiles().get(i).toString());
        }
        p.setProperty(prefix + "identities_only", Boolean.toString(t.identitiesOnly()));
        if (t.agentSocket() != null) {
            p.setProperty(prefix + "agent_socket", t.agentSocket());
        }
        p.setProperty(prefix + "known_hosts", t.knownHosts().toString());
        p.setProperty(prefix + "host_key_policy", t.hostKeyPolicy().name());
        if (t.jump() != null) {
            write(t.jump(), prefix + "jump.", p);
        }
    }

    /** The target {@link #write} wrote; an IllegalArgumentException when a property is missing or wrong. */
    static ResolvedTarget read(Properties p) {
        return read(p, "");
    }

    private static ResolvedTarget read(Properties p, String prefix) {
        List<Path> identities = new ArrayList<>();
        int n = Integer.parseInt(required(p, prefix + "identities"));
        for (int i = 0; i < n; i++) {
            identities.add(Path.of(required(p, prefix + "identity." + i)));
        }
        return new ResolvedTarget(
                required(p, prefix + "alias"),
                required(p, prefix + "host"),
                Integer.parseInt(required(p, prefix + "port")),
                required(p, prefix + "user"),
                identities,
                Boolean.parseBoolean(required(p, prefix + "identities_only")),
                p.getProperty(prefix + "agent_socket"),
                p.getProperty(prefix + "jump.host") == null ? null : read(p, prefix + "jump."),
                Path.of(required(p, prefix + "known_hosts")),
                ResolvedTarget.HostKeyPolicy.valueOf(required(p, prefix + "host_key_policy")),
                List.of());
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("the kept connection's target has no " + key);
        }
        return v;
    }

    /**
     * The name of the holder a command may use, 20 hex digits of a SHA-256 of {@link #sharing}; empty when known_hosts
     * names no key for a host on the way (a first contact: nothing is kept for it yet).
     */
    static Optional<String> key(ResolvedTarget t) {
        return sharing(t).map(text -> {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(hash, 0, 10);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * What decides which holder serves a command, one {@code name=value} line each, sorted: the login user, the host
     * and port connected to, the host keys the command's own known_hosts names for it (each as its marker, type and
     * key), the key files offered (as absolute paths) and whether only those are, for the target and each jump host.
     * A holder logged in as that user to a host key that file names, so it serves only a command that would itself
     * have logged in as the same user to the same host key. Not in it: the name typed (an alias and its address are
     * the same VM), which known_hosts file names the keys (provision's and the inventory's), the host key policy
     * (asking or {@code --yes} matters only for a key not named yet) and the ssh-agent's socket (each terminal has its
     * own). Empty when known_hosts names no key for a host on the way.
     */
    static Optional<String> sharing(ResolvedTarget t) {
        Map<String, String> lines = new TreeMap<>();
        if (!sharing(t, "", lines)) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        lines.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return Optional.of(text.toString());
    }

    private static boolean sharing(ResolvedTarget t, String prefix, Map<String, String> into) {
        List<String> hostKeys = KnownHostsVerifier.namedKeys(t.knownHosts(), t.hostName(), t.port());
        if (hostKeys.isEmpty()) {
            return false;
        }
        into.put(prefix + "user", t.user());
        into.put(prefix + "host", t.hostName());
        into.put(prefix + "port", Integer.toString(t.port()));
        for (int i = 0; i < hostKeys.size(); i++) {
            into.put(prefix + "host_key." + i, hostKeys.get(i));
        }
        for (int i = 0; i < t.identityFiles().size(); i++) {
            into.put(
                    prefix + "identity." + i,
                    t.identityFiles().get(i).toAbsolutePath().normalize().toString());
        }
        into.put(prefix + "identities_only", Boolean.toString(t.identitiesOnly()));
        return t.jump() == null || sharing(t.jump(), prefix + "jump.", into);
    }
}
