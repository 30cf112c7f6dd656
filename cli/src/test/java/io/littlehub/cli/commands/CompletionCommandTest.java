package io.littlehub.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.littlehub.cli.LittlehubCommand;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.common.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `littlehub completion bash|zsh`: picocli's script for the whole tree, which a real bash completes with. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    private static String script(String shell) {
        CommandLine cl = LittlehubCommand.commandLine(ConfigContext::fromEnvironment);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(ExitCodes.OK, cl.execute("completion", shell));
        return out.toString();
    }

    @Test
    void theScriptNamesEveryCommandAndWorksInZshToo() {
        CommandLine root = LittlehubCommand.commandLine(ConfigContext::fromEnvironment);
        for (String shell : List.of("bash", "zsh")) {
            String script = script(shell);
            assertTrue(script.contains("complete -F _complete_littlehub"), script);
            // zsh runs the same script through its bash-completion layer, which the script turns on.
            assertTrue(script.contains("ZSH_VERSION") && script.contains("bashcompinit"), script);
            for (String command : root.getSubcommands().keySet()) {
                assertTrue(script.contains("\"${COMP_WORDS[0]} " + command + "\""), command);
            }
        }
    }

    @Test
    void anotherShellIsAUsageError() {
        CommandLine cl = LittlehubCommand.commandLine(ConfigContext::fromEnvironment);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(ExitCodes.USAGE, cl.execute("completion", "fish"));
        assertTrue(err.toString().contains("expected one of [bash, zsh]"), err.toString());
    }

    @Test
    void bashCompletesCommandsAndOptionsButNotTheOldSpellings() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path script = Files.writeString(dir.resolve("littlehub.bash"), script("bash"));
        assertEquals("status students", complete(script, "littlehub", "st"));
        assertEquals("--to-dir", complete(script, "littlehub", "backup", "--to"));
        assertEquals("--help --hub", complete(script, "littlehub", "restore", "--h"));
        assertEquals("bash", complete(script, "littlehub", "completion", "b"));
    }

    /** What pressing Tab after {@code words} offers, sorted. */
    private static String complete(Path script, String... words) throws IOException, InterruptedException {
        String line = String.join(" ", words);
        String bash = "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=\"$*\";"
                + " COMP_POINT=${#COMP_LINE}; _complete_littlehub 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\" | sort";
        List<String> argv = new java.util.ArrayList<>(List.of("/bin/bash", "-c", bash, "bash", script.toString()));
        argv.addAll(List.of(words));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), line + ": " + out);
        return String.join(" ", out.strip().lines().toList());
    }
}
