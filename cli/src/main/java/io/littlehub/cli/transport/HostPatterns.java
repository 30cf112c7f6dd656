package io.littlehub.cli.transport;

import java.util.List;
import java.util.Locale;

/**
 * OpenSSH host pattern lists, as in {@code Host} lines: {@code *} and {@code ?} wildcards, several patterns (any may
 * match), {@code !pattern} negation (a matching negated pattern rules the host out). Case-insensitive.
 */
public final class HostPatterns {
    private HostPatterns() {}

    public static boolean matches(String host, List<String> patterns) {
        String h = host.toLowerCase(Locale.ROOT);
        boolean matched = false;
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            String pattern = (negated ? p.substring(1) : p).toLowerCase(Locale.ROOT);
            if (glob(pattern, 0, h, 0)) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    /** {@code *} matches any run of characters, {@code ?} exactly one. */
    static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (glob(p, pi, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }
}
