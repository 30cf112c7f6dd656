package io.littlehub.cli.transport;

import io.littlehub.cli.remote.SudoCommands;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * How the login user becomes root: it is root; it has passwordless sudo ({@code sudo -n true} succeeds; both asked in
 * one exec); or sudo
 * needs its password, asked once through the {@link Prompter}, checked, and fed on stdin to every later
 * {@code sudo -k -S -p ''} ({@code -k} so sudo always reads it, even with cached credentials, and never leaves it on
 * the command's stdin).
 */
final class Sudo {
    enum Mode {
        ROOT,
        PASSWORDLESS,
        PASSWORD
    }

    /** The argv that runs as root and the bytes its stdin gets first (null: none). */
    record Prepared(List<String> argv, byte[] stdin) {}

    private static final int ATTEMPTS = 3;
    private final Mode mode;
    private final char[] password;

    private Sudo(Mode mode, char[] password) {
        this.mode = mode;
        this.password = password;
    }

    Mode mode() {
        return mode;
    }

    /** The way a command's own exec found ({@link SudoCommands#asRootWithoutPassword}): root, or sudo without one. */
    static Sudo found(String way) {
        return switch (way) {
            case SudoCommands.ROOT -> new Sudo(Mode.ROOT, null);
            case SudoCommands.SUDO -> new Sudo(Mode.PASSWORDLESS, null);
            default -> throw new IllegalArgumentException("no way to root called " + way);
        };
    }

    /** Finds out how to become root (one exec, {@link SudoCommands#probe}, then the password when sudo wants it); {@code exec} runs an argv with the given stdin (or null) as the login user. */
    static Sudo detect(BiFunction<List<String>, byte[], Result> exec, String user, String host, Prompter prompter) {
        Result probe = exec.apply(SudoCommands.probe(), null);
        if (probe.stdout().strip().equals("0")) {
            return new Sudo(Mode.ROOT, null);
        }
        if (probe.ok()) {
            return new Sudo(Mode.PASSWORDLESS, null);
        }
        if (probe.exitCode() == 127) {
            throw new SshFailure(
                    user + " on " + host + " is not root and sudo is not installed",
                    "log in as root (root@" + host + "), or install sudo and give " + user + " sudo rights");
        }
        if (!probe.stderr().contains("password")) {
            throw notAllowed(user, host, probe.stderr());
        }
        if (!prompter.canAsk()) {
            throw new SshFailure(
                    "sudo on " + host + " needs " + user + "'s password and there is no terminal to ask for it",
                    "run littlehub in a terminal, or give " + user + " passwordless sudo (a line '" + user
                            + " ALL=(ALL) NOPASSWD: ALL' in /etc/sudoers.d/)");
        }
        // The password, its check and "Sorry" are one exchange: another hub's question waits for its end.
        Sudo accepted = prompter.dialogue(() -> {
            for (int i = 0; i < ATTEMPTS; i++) {
                char[] pw = prompter.secret("[sudo] password for " + user + " on " + host + ": ");
                if (pw == null) {
                    break;
                }
                Sudo candidate = new Sudo(Mode.PASSWORD, pw);
                Prepared check = candidate.prepare(SudoCommands.passwordCheck());
                Result r = exec.apply(check.argv(), check.stdin());
                if (r.ok()) {
                    return candidate;
                }
                Arrays.fill(pw, '\0');
                if (r.stderr().contains("not in the sudoers") || r.stderr().contains("not allowed")) {
                    throw notAllowed(user, host, r.stderr());
                }
                prompter.info("Sorry, wrong sudo password.");
            }
            return null;
        });
        if (accepted != null) {
            return accepted;
        }
        throw new SshFailure(
                "sudo on " + host + " did not accept the password for " + user,
                "check " + user + "'s password on the VM (sudo asks for the user's own password, not root's)");
    }

    private static SshFailure notAllowed(String user, String host, String stderr) {
        return new SshFailure(
                user + " on " + host + " may not use sudo: " + stderr.strip(),
                "log in as root, or add " + user + " to the sudo group (usermod -aG sudo " + user
                        + ") as root on the VM");
    }

    /** The argv that runs {@code argv} as root, and its stdin (the password line, or null). */
    Prepared prepare(List<String> argv) {
        return switch (mode) {
            case ROOT -> new Prepared(argv, null);
            case PASSWORDLESS -> new Prepared(SudoCommands.passwordless(argv), null);
            case PASSWORD ->
                new Prepared(
                        SudoCommands.withPassword(argv),
                        (new String(password) + "\n").getBytes(StandardCharsets.UTF_8));
        };
    }
}
