package io.littlehub.common.backup;

import io.littlehub.common.config.Layout;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a backup archive holds and under which names: every entry is its path on the VM without the leading
 * {@code /}, plus two of littlehub's own, the encrypted secrets and the manifest (always last). A restore accepts
 * exactly these names and replaces each "unit" (a home, a folder, a file) as a whole.
 */
public final class ArchiveLayout {
    public static final String OWN = "littlehub-backup";
    public static final String MANIFEST = OWN + "/manifest.json";
    public static final String SECRETS = OWN + "/secrets.tar.enc";
    public static final String SUFFIX = ".littlehub-backup.tar";

    /** Folders stored whole (relative to /). Homes ({@code home/jupyter-*}) are added per user. */
    public static final List<String> TREES = List.of(
            rel(Layout.SHARED_DATA),
            rel(Layout.CONFIG_HISTORY),
            rel(Layout.USER_ENV_HISTORY),
            rel(Layout.EXTRA_CONFIG_DIR));
    /** Single files stored in the clear. The database is a consistent copy, not the live file. */
    public static final List<String> FILES = List.of(rel(Layout.CONFIG_FILE), rel(Layout.HUB_DB));
    /** Secrets: only inside the encrypted entry. FirstUse's dbm files are {@code passwords.dbm*}. */
    public static final List<String> SECRET_FILES =
            List.of(rel(Layout.COOKIE_SECRET), rel(Layout.PROXY_ENV), rel(Layout.AGENT_API_TOKEN));

    /**
     * Folders stored whole, and only inside the encrypted secrets: Caddy's data (its ACME account and the certificates
     * with their keys), so a restored hub does not ask the CA again (rate limits) and keeps its account.
     */
    public static final List<String> SECRET_TREES = List.of(rel(Layout.HTTPS_STATE));

    public static final String FIRSTUSE_PREFIX = rel(Layout.FIRSTUSE_PASSWORDS);

    private static final Pattern HOME =
            Pattern.compile("home/" + Pattern.quote(Layout.UNIX_USER_PREFIX) + "[a-z0-9_][a-z0-9_.-]*");

    private ArchiveLayout() {}

    public static String rel(String absolute) {
        return absolute.substring(1);
    }

    /** The unit {@code name} belongs to (what a restore replaces as a whole), or null when a backup never holds it. */
    public static String unitOf(String name) {
        int second = name.indexOf('/', "home/".length());
        String head = second < 0 ? name : name.substring(0, second);
        if (name.startsWith("home/") && HOME.matcher(head).matches()) {
            return head;
        }
        for (String tree : TREES) {
            if (name.equals(tree) || name.startsWith(tree + "/")) {
                return tree;
            }
        }
        return FILES.contains(name) ? name : null;
    }

    /** A name that may appear inside the encrypted secrets. */
    public static boolean isSecret(String name) {
        if (secretTreeOf(name) != null || SECRET_FILES.contains(name)) {
            return true;
        }
        return name.startsWith(FIRSTUSE_PREFIX) && name.indexOf('/', FIRSTUSE_PREFIX.length()) < 0;
    }

    /** The secret folder {@code name} is in (or is), or null. */
    public static String secretTreeOf(String name) {
        for (String tree : SECRET_TREES) {
            if (name.equals(tree) || name.startsWith(tree + "/")) {
                return tree;
            }
        }
        return null;
    }

    /** What a restore replaces as a whole for the secret {@code name}: its secret folder, or the file itself. */
    public static String secretUnitOf(String name) {
        String tree = secretTreeOf(name);
        return tree != null ? tree : name;
    }

    /** The unix user a home unit belongs to ({@code home/jupyter-ada} → {@code jupyter-ada}), or null. */
    public static String homeUser(String unit) {
        return unit.startsWith("home/") && HOME.matcher(unit).matches() ? unit.substring("home/".length()) : null;
    }
}
