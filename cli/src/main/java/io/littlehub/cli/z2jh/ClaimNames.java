package io.littlehub.cli.z2jh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The chart's per-user volume claim of a hub user: KubeSpawner's default {@code pvc_name_template}
 * {@code claim-{user_server}} with its default {@code slug_scheme} "safe" (KubeSpawner 7, kubespawner/slugs.py
 * {@code safe_slug}, 48 characters at most for a user's default server): a name that is already a valid object name
 * stays as it is, any other becomes its safe part, {@code ---} and 8 hex of its SHA-256. Checked against KubeSpawner's
 * own code in {@code ChartHubConfigTest}.
 */
public final class ClaimNames {
    private static final int MAX_LENGTH = 48;
    private static final int HASH_LENGTH = 8;
    private static final Pattern OBJECT_NAME = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]|[a-z]");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

    private ClaimNames() {}

    public static String claim(String hubUser) {
        return "claim-" + safeSlug(hubUser);
    }

    static String safeSlug(String name) {
        if (!name.contains("--")
                && name.length() <= Math.min(MAX_LENGTH, 63)
                && OBJECT_NAME.matcher(name).matches()) {
            return name;
        }
        return safeName(name, MAX_LENGTH - (HASH_LENGTH + 3)) + "---"
                + sha256(name).substring(0, HASH_LENGTH);
    }

    /** Lowercase, runs of other characters as one '-', trimmed of '-', starting with a letter ("x-" if not), never empty. */
    private static String safeName(String name, int maxLength) {
        String safe = NOT_ALPHANUMERIC.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
        safe = prefix(safe.replaceFirst("^-+", ""), maxLength).replaceFirst("-+$", "");
        if (!safe.isEmpty() && !(safe.charAt(0) >= 'a' && safe.charAt(0) <= 'z')) {
            safe = "x-" + prefix(safe, maxLength - 2);
        }
        return safe.isEmpty() ? "x" : safe;
    }

    private static String prefix(String s, int maxLength) {
        return s.substring(0, Math.min(s.length(), maxLength));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
