package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code littlehub completion bash|zsh}: picocli's completion script for the whole command tree. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print a script that completes littlehub's commands and options when you press Tab.",
            "bash: add  source <(littlehub completion bash)  to ~/.bashrc",
            "zsh:  add  source <(littlehub completion zsh)  to ~/.zshrc"
        })
@ExitsWith({ExitCodes.OK, ExitCodes.USAGE})
public final class CompletionCommand implements Callable<Integer> {
    /** The shells the script is for: one script, which turns on zsh's bash-completion layer itself. */
    enum Shell {
        bash,
        zsh
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "bash|zsh", description = "your shell")
    Shell shell;

    @Override
    public Integer call() {
        spec.commandLine()
                .getOut()
                .print(AutoComplete.bash("littlehub", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
