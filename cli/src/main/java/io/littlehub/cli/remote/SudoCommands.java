package io.littlehub.cli.remote;

import java.util.ArrayList;
import java.util.List;

/**
 * How a command becomes root: the probe that finds out which way works, the first root command that finds it out in
 * its own exec, and the {@code sudo} prefixes. With a password, {@code -k} makes sudo always read it from stdin (even
 * with cached credentials), so it never stays on the command's stdin, and {@code -p ''} keeps sudo's prompt out of the
 * output.
 */
public final class SudoCommands {
    /** What {@link #asRootWithoutPassword}'s root side prints first, then the way ({@link #ROOT} or {@link #SUDO}). */
    public static final String AS_ROOT_BY = "--littlehub-as-root-by-";

    public static final String ROOT = "root";
    public static final String SUDO = "sudo";

    /** The login user's id on stdout's first line; when that is not 0, sudo's own answer to {@code sudo -n true}. */
    private static final String PROBE = "u=$(id -u); echo \"$u\"; [ \"$u\" = 0 ] || exec sudo -n true";

    /**
     * Root directly, else {@code sudo -n}; the root side's first line names the way before it runs the command. When
     * sudo wants a password (or is missing) it fails before that line, so nothing ran. The root side's script rides as
     * $1 so both ways run the same one.
     */
    private static final String AS_ROOT = "s=$1; shift; if [ \"$(id -u)\" = 0 ]; then exec sh -c \"$s\" " + ROOT
            + " \"$@\"; fi; exec sudo -n -- sh -c \"$s\" " + SUDO + " \"$@\"";

    private static final String ROOT_SIDE = "echo \"" + AS_ROOT_BY + "$0\"; exec \"$@\"";

    private SudoCommands() {}

    /**
     * One exec for both questions: is the login user root ({@code id -u}), and else does sudo need a password
     * ({@code sudo -n true}: exit 0 when it does not)?
     */
    public static List<String> probe() {
        return List.of("sh", "-c", PROBE);
    }

    /**
     * {@code argv} as root in one exec, without knowing the way yet: directly when the login user is root, else
     * through {@code sudo -n}. Stdout's first line is {@link #AS_ROOT_BY} and the way; without it, nothing ran.
     */
    public static List<String> asRootWithoutPassword(List<String> argv) {
        return prefixed(List.of("sh", "-c", AS_ROOT, "littlehub-as-root", ROOT_SIDE), argv);
    }

    /** {@code true}: run through {@link #withPassword} to check a typed password. */
    public static List<String> passwordCheck() {
        return List.of("true");
    }

    /** {@code sudo -n -- ARGV}. */
    public static List<String> passwordless(List<String> argv) {
        return prefixed(List.of("sudo", "-n", "--"), argv);
    }

    /** {@code sudo -k -S -p '' -- ARGV}: the password is stdin's first line. */
    public static List<String> withPassword(List<String> argv) {
        return prefixed(List.of("sudo", "-k", "-S", "-p", "", "--"), argv);
    }

    private static List<String> prefixed(List<String> prefix, List<String> argv) {
        List<String> out = new ArrayList<>(prefix);
        out.addAll(argv);
        return out;
    }
}
