package io.littlehub.cli.cloudinit;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The login user's name, checked as a unix user name that useradd accepts on Debian and Ubuntu, and that is not one
 * the system or the hub already uses (students' users are {@code jupyter-…}).
 */
public final class LoginName {
    private static final Pattern UNIX = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final List<String> TAKEN = List.of(
            "root",
            "daemon",
            "bin",
            "sys",
            "sync",
            "games",
            "man",
            "lp",
            "mail",
            "news",
            "uucp",
            "proxy",
            "www-data",
            "backup",
            "list",
            "irc",
            "gnats",
            "nobody",
            "sshd",
            "messagebus",
            "littlehub-proxy");

    private LoginName() {}

    public static String check(String name) {
        if (!UNIX.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "--user \"" + name + "\" is not a unix user name: use 1 to 32 lowercase letters, digits, _ or -,"
                            + " starting with a letter or _, like teacher");
        }
        if (TAKEN.contains(name) || name.startsWith("systemd-") || name.startsWith("jupyter-")) {
            throw new IllegalArgumentException("--user " + name + " is "
                    + (name.startsWith("jupyter-") ? "how the hub names its students' users" : "a system user's name")
                    + ": choose your own, like teacher");
        }
        return name;
    }
}
