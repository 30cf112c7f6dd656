package io.littlehub.cli.transport;

import java.nio.file.Path;
import java.util.Map;

/** OpenSSH's {@code ~} and {@code %} expansion for config values: %h %p %r %u %n %d %%; unknown tokens are kept. */
final class Tokens {
    private Tokens() {}

    static String tilde(String value, Path home) {
        if (value.equals("~")) {
            return home.toString();
        }
        if (value.startsWith("~/")) {
            return home.resolve(value.substring(2)).toString();
        }
        return value;
    }

    static String percent(String value, Map<Character, String> tokens) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 1 < value.length()) {
                char t = value.charAt(i + 1);
                if (t == '%') {
                    sb.append('%');
                    i++;
                    continue;
                }
                String v = tokens.get(t);
                if (v != null) {
                    sb.append(v);
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    static String expand(String value, Path home, Map<Character, String> tokens) {
        return tilde(percent(value, tokens), home);
    }
}
