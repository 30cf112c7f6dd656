package io.littlehub.cli.remote;

import java.util.ArrayList;
import java.util.List;

/**
 * How a command becomes root: the probes that find out which way works, and the {@code sudo} prefixes. With a
 * password, {@code -k} makes sudo always read it from stdin (even with cached credentials), so it never stays on the
 * command's stdin, and {@code -p ''} keeps sudo's prompt out of the output.
 */
public final class SudoCommands {
    private SudoCommands() {}

    /** {@code id -u}: 0 when the login user is root. */
    public static List<String> userId() {
        return List.of("id", "-u");
    }

    /** {@code sudo -n true}: succeeds when sudo needs no password. */
    public static List<String> passwordlessProbe() {
        return List.of("sudo", "-n", "true");
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
