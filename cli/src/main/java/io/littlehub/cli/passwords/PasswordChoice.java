package io.littlehub.cli.passwords;

import io.littlehub.cli.transport.Prompter;
import io.littlehub.common.students.PasswordRule;
import java.nio.file.Path;

/**
 * Where the password for an admin comes from: the teacher's file, the teacher typing it twice on a terminal (empty:
 * make one up), or made up ({@link GeneratedPassword}) and shown once.
 */
public final class PasswordChoice {
    /** A chosen password; {@code generated}: made up here, so the teacher must be shown it. */
    public record Chosen(String password, boolean generated, String source) {}

    private final String filePassword;
    private final Path file;
    private final Prompter prompter;
    private final int minimum;

    private PasswordChoice(String filePassword, Path file, Prompter prompter, int minimum) {
        this.filePassword = filePassword;
        this.file = file;
        this.prompter = prompter;
        this.minimum = minimum;
    }

    /**
     * Checks the file now ({@link PasswordFile}), before anything connects; {@code file} null: ask on a terminal, or
     * make one up when nobody can be asked.
     */
    public static PasswordChoice of(Path file, String option, Prompter prompter, int minimum) {
        return new PasswordChoice(
                file == null ? null : PasswordFile.read(file, option, minimum), file, prompter, minimum);
    }

    /** True when the teacher named a file: its password is set even over an existing one (they asked for it). */
    public boolean fromFile() {
        return filePassword != null;
    }

    public Chosen choose(String name) {
        if (filePassword != null) {
            return new Chosen(filePassword, false, "from " + file);
        }
        if (prompter != null && prompter.canAsk()) {
            Chosen typed = prompter.dialogue(() -> typed(name));
            if (typed != null) {
                return typed;
            }
        }
        return new Chosen(GeneratedPassword.next(), true, "generated");
    }

    /** The same choice, asking through {@code p} (one hub's prompter among many). */
    public PasswordChoice askingThrough(Prompter p) {
        return new PasswordChoice(filePassword, file, p, minimum);
    }

    /** Typed twice, at most three tries; null: the teacher gave up (empty) or never typed the same twice. */
    private Chosen typed(String name) {
        for (int attempt = 0; attempt < 3; attempt++) {
            char[] first = prompter.secret("Password for admin " + name + " (empty: make one up): ");
            if (first == null || first.length == 0) {
                return null;
            }
            String typed = new String(first);
            java.util.Optional<String> problem = PasswordRule.problem(typed, minimum);
            if (problem.isPresent()) {
                prompter.info(problem.get());
                continue;
            }
            char[] again = prompter.secret("Again: ");
            if (again != null && typed.equals(new String(again))) {
                return new Chosen(typed, false, "typed");
            }
            prompter.info("The two did not match; try again.");
        }
        return null;
    }
}
