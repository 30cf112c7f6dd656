package io.littlehub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.common.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help;

class LittlehubCommandTest {
    @Test
    void versionNamesTheBuild() {
        StringWriter out = new StringWriter();
        var cl = LittlehubCommand.commandLine(ConfigContext::fromEnvironment);
        cl.setOut(new PrintWriter(out));
        assertEquals(ExitCodes.OK, cl.execute("--version"));
        assertTrue(
                out.toString().matches("littlehub \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7}.*\\)\\s*"),
                out.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        var cl = LittlehubCommand.commandLine(ConfigContext::fromEnvironment);
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(ExitCodes.USAGE, cl.execute("--no-such-option"));
    }

    private static CommandLine full() {
        return LittlehubCommand.commandLine(ConfigContext::fromEnvironment);
    }

    private static CommandLine forRun(String... args) {
        return LittlehubCommand.commandLine(ConfigContext::fromEnvironment, args);
    }

    @Test
    void aRunNamingACommandBuildsOnlyThatCommand() {
        assertEquals(
                Set.of("status"), forRun("status", "--json").getSubcommands().keySet());
        assertEquals(
                Set.of("add-admin"), forRun("add-admin", "bob").getSubcommands().keySet());
    }

    /** Help, refusals and their exit codes come out the same from a command's own tree as from the whole one. */
    @Test
    void eachCommandSaysTheSameFromItsOwnTree() {
        for (var entry : full().getSubcommands().entrySet()) {
            String name = entry.getKey();
            CommandLine own = forRun(name).getSubcommands().get(name);
            assertEquals(entry.getValue().getUsageMessage(Help.Ansi.OFF), own.getUsageMessage(Help.Ansi.OFF), name);
            assertEquals(ran(full(), name, "--no-such-option"), ran(forRun(name), name, "--no-such-option"), name);
        }
    }

    @Test
    void completionStillSeesEveryCommand() {
        assertEquals(
                full().getSubcommands().keySet(),
                forRun("completion", "bash").getSubcommands().keySet());
        assertEquals(ran(full(), "completion", "bash"), ran(forRun("completion", "bash"), "completion", "bash"));
    }

    @Test
    void aTypoStillGetsPicocliSuggestions() {
        String typo = ran(forRun("statu"), "statu");
        assertTrue(typo.contains("status"), typo);
        assertEquals(ran(full(), "statu"), typo);
    }

    /** Exit code, stdout and stderr of {@code args} on {@code cl}. */
    private static String ran(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return exit + "\n" + out + "\n" + err;
    }
}
