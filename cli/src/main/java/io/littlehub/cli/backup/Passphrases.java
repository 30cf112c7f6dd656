package io.littlehub.cli.backup;

import io.littlehub.cli.transport.Prompter;
import io.littlehub.common.backup.SecretBox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The passphrase of a backup's secrets: the first line of a file, or typed (twice for a new backup). */
public final class Passphrases {
    private Passphrases() {}

    /** From {@code file} (its first line, without the line end), else asked; never shorter than the minimum. */
    public static char[] get(Path file, Prompter prompter, boolean confirm, String noTerminalFix) {
        char[] p = file != null ? fromFile(file) : ask(prompter, confirm, noTerminalFix);
        SecretBox.checkPassphrase(p);
        return p;
    }

    static char[] fromFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw new IllegalArgumentException(
                        "the passphrase file " + file + " is empty: its first line is the passphrase");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the passphrase file " + file + ": " + e.getMessage(), e);
        }
    }

    private static char[] ask(Prompter prompter, boolean confirm, String noTerminalFix) {
        if (!prompter.canAsk()) {
            throw new IllegalArgumentException(
                    "no passphrase for the hub's secrets and no terminal to ask for it: " + noTerminalFix);
        }
        return prompter.dialogue(() -> typed(prompter, confirm, noTerminalFix));
    }

    /** Typed, and with {@code confirm} typed again the same. */
    private static char[] typed(Prompter prompter, boolean confirm, String noTerminalFix) {
        char[] p = prompter.secret(
                "Passphrase for the backup's secrets (at least " + SecretBox.MIN_PASSPHRASE + " characters): ");
        if (p == null) {
            throw new IllegalArgumentException("no passphrase given: " + noTerminalFix);
        }
        if (confirm) {
            SecretBox.checkPassphrase(p);
            char[] again = prompter.secret("The same passphrase again: ");
            boolean same = again != null && Arrays.equals(p, again);
            if (again != null) {
                Arrays.fill(again, '\0');
            }
            if (!same) {
                throw new IllegalArgumentException("the two passphrases differ: nothing was backed up");
            }
        }
        return p;
    }

    /** The passphrase line for the agent's stdin. */
    static byte[] line(char[] passphrase) {
        return (new String(passphrase) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
