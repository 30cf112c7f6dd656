package io.littlehub.cli.transport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A {@link ResolvedTarget} as properties: what a command hands the {@link ConnectionHolder} it starts (on its stdin, not
 * in its arguments), and what names the holder's socket ({@link #key}), so a command finds the holder of exactly its
 * own target: the same user, host, port, keys, known_hosts file, host key policy and jump hosts.
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
     * The name of the target's holder: a SHA-256 of its properties but the ssh-agent's socket (each terminal has its
     * own; the holder is logged in already), 20 hex digits.
     */
    static String key(ResolvedTarget t) {
        Map<String, String> sorted = new TreeMap<>();
        write(t).forEach((k, v) -> sorted.put((String) k, (String) v));
        sorted.keySet().removeIf(k -> k.endsWith("agent_socket"));
        StringBuilder text = new StringBuilder();
        sorted.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
