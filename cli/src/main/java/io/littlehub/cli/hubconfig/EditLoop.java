package io.littlehub.cli.hubconfig;

import io.littlehub.cli.transport.Prompter;
import io.littlehub.common.config.ConfigMask;
import io.littlehub.common.config.ConfigProblem;
import io.littlehub.common.config.ConfigValidator;
import io.littlehub.common.text.TextDiff;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The laptop half of {@code littlehub config edit}, like visudo: the editor opens the config; a config with problems
 * reopens with them as {@code # ERROR} lines at the top until it is valid or the teacher gives up; a valid change is
 * shown as a diff and applied only when confirmed. Nothing here touches the VM.
 *
 * <p>Ways to give up (nothing is applied): make the editor exit non-zero (vim {@code :cq}), quit without saving while
 * the errors are shown, save an empty file, or answer no.
 */
public final class EditLoop {
    /** What the teacher decided. {@code text}: the config to apply, for {@link Kind#APPLY} only. */
    public record Decision(Kind kind, String text) {}

    public enum Kind {
        APPLY,
        UNCHANGED,
        CANCELLED
    }

    private final Editor editor;
    private final Prompter prompter;
    private final PrintStream out;
    private final PrintStream err;
    private final ConfigValidator validator = new ConfigValidator();

    public EditLoop(Editor editor, Prompter prompter, PrintStream out, PrintStream err) {
        this.editor = editor;
        this.prompter = prompter;
        this.out = out;
        this.err = err;
    }

    /**
     * @param file a private temporary file; it holds the teacher's text afterwards (without # ERROR lines)
     * @param original the hub's current config
     * @param name what the diff calls the file, like {@code class-a:/etc/littlehub/config.yaml}
     * @param yes apply without asking
     */
    public Decision run(Path file, String original, String name, boolean yes) throws IOException, InterruptedException {
        String written = original;
        Files.writeString(file, written);
        boolean errorsShown = false;
        while (true) {
            int code = editor.edit(file);
            if (code != 0) {
                err.println("The editor exited with code " + code + ": nothing applied.");
                return cancelled();
            }
            String saved = Files.readString(file);
            if (errorsShown && saved.equals(written)) {
                err.println("Quit without fixing the problems: nothing applied.");
                return cancelled();
            }
            String text = ErrorComments.strip(saved);
            if (text.equals(original)) {
                out.println("No changes.");
                return new Decision(Kind.UNCHANGED, null);
            }
            if (text.isBlank()) {
                err.println(
                        "The file is empty: nothing applied. (To go back to all defaults, save just a comment, like `# defaults`.)");
                return cancelled();
            }
            List<ConfigProblem> problems = validator.validate(text);
            if (problems.isEmpty()) {
                Files.writeString(file, text);
                return confirm(text, original, name, yes);
            }
            problems.forEach(p -> err.println("config.yaml: " + p));
            err.println("The config has " + ConfigProblem.count(problems.size())
                    + ": opening it again (the problems are at the top).");
            written = ErrorComments.add(text, problems);
            Files.writeString(file, written);
            errorsShown = true;
        }
    }

    private Decision confirm(String text, String original, String name, boolean yes) {
        ConfigMask mask = ConfigMask.packaged();
        String shown = TextDiff.unified(name, mask.text(original), mask.text(text));
        out.print(shown.isEmpty() ? "(only secret values changed: not shown)\n" : shown);
        out.flush();
        if (yes) {
            return new Decision(Kind.APPLY, text);
        }
        if (!prompter.canAsk()) {
            err.println(
                    "Cannot ask for confirmation here (no terminal): nothing applied. Run with --yes to apply without asking.");
            return cancelled();
        }
        if (!prompter.confirm("Apply this config to the hub?")) {
            err.println("Nothing applied.");
            return cancelled();
        }
        return new Decision(Kind.APPLY, text);
    }

    private static Decision cancelled() {
        return new Decision(Kind.CANCELLED, null);
    }
}
