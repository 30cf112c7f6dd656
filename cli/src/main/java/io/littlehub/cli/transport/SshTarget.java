package io.littlehub.cli.transport;

import java.nio.file.Path;

/**
 * Where the teacher asked to go, as typed: {@code USER@HOST} or {@code HOST} (an alias from ~/.ssh/config or a
 * real name/address), plus the {@code -p PORT} and {@code -i IDENTITY} overrides. Null parts are filled in later from
 * ~/.ssh/config and the defaults (see {@link SshConfig}).
 */
public record SshTarget(String user, String host, Integer port, Path identity) {
    public SshTarget {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("no host given");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }

    /** Parses {@code USER@HOST} or {@code HOST}; {@code port} and {@code identity} may be null. */
    public static SshTarget parse(String spec, Integer port, Path identity) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no host given: expected USER@HOST or HOST");
        }
        String s = spec.strip();
        String user = null;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            user = s.substring(0, at);
            s = s.substring(at + 1);
            if (user.isEmpty()) {
                throw new IllegalArgumentException("'" + spec + "': nothing before '@' (expected USER@HOST)");
            }
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1); // [2001:db8::1]
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("'" + spec + "': no host after '@' (expected USER@HOST)");
        }
        if (s.startsWith("-") || s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("'" + spec + "' is not a host name");
        }
        return new SshTarget(user, s, port, identity);
    }

    public static SshTarget parse(String spec) {
        return parse(spec, null, null);
    }
}
