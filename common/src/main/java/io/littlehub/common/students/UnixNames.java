package io.littlehub.common.students;

import io.littlehub.common.config.Layout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The unix user behind a hub user. The hub's config (templates/jupyterhub_config.py.ftl, littlehub_unix_name)
 * computes the same; the two must agree, which the students' end-to-end test checks on a VM.
 * Short plain names map to themselves ({@code ada} → {@code jupyter-ada}); longer names, or names with {@code .} or
 * {@code @}, keep a readable 16-character prefix and get a hash of the whole name, so the result stays within
 * useradd's 32 characters. Plain names are at most 23 characters and hashed parts exactly 24, so the two kinds never
 * collide.
 */
public final class UnixNames {
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9_-]{1,23}");

    private UnixNames() {}

    public static String unixName(String hubName) {
        return Layout.UNIX_USER_PREFIX + part(hubName);
    }

    /** The systemd unit of the user's server (SystemdSpawner's unit_name_template in the hub config). */
    public static String unitName(String hubName) {
        return "jupyter-" + part(hubName) + "-singleuser";
    }

    private static String part(String hubName) {
        if (PLAIN.matcher(hubName).matches()) {
            return hubName;
        }
        String readable = hubName.replaceAll("[^a-z0-9_-]", "-");
        return readable.substring(0, Math.min(16, readable.length())) + "-"
                + sha256Hex(hubName).substring(0, 7);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
