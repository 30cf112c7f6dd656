package io.littlehub.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help;

class AgentMainTest {
    private static CommandLine full() {
        return AgentMain.commandLine(new String[0]);
    }

    @Test
    void aRunNamingACommandBuildsOnlyThatCommand() {
        assertEquals(
                Set.of("status"),
                AgentMain.commandLine(new String[] {"status"}).getSubcommands().keySet());
        assertEquals(
                Set.of("config"),
                AgentMain.commandLine(new String[] {"config", "get", "users.admin"})
                        .getSubcommands()
                        .keySet());
    }

    @Test
    void optionsAndTyposGetEveryCommand() {
        assertEquals(
                full().getSubcommands().keySet(),
                AgentMain.commandLine(new String[] {"--version"})
                        .getSubcommands()
                        .keySet());
        assertTrue(
                full().getSubcommands().size() > 20,
                full().getSubcommands().keySet().toString());
        assertEquals(ran(full(), "statu"), ran(AgentMain.commandLine(new String[] {"statu"}), "statu"));
    }

    /** Help and refusals come out the same from a command's own tree as from the whole one. */
    @Test
    void eachCommandSaysTheSameFromItsOwnTree() {
        for (var entry : full().getSubcommands().entrySet()) {
            String name = entry.getKey();
            CommandLine own = AgentMain.commandLine(new String[] {name});
            assertEquals(
                    entry.getValue().getUsageMessage(Help.Ansi.OFF),
                    own.getSubcommands().get(name).getUsageMessage(Help.Ansi.OFF),
                    name);
            assertEquals(ran(full(), name, "--no-such-option"), ran(own, name, "--no-such-option"), name);
        }
    }

    /** The training runs are commands as they stand: a renamed one would leave its classes out of the archive. */
    @Test
    void theTrainingRunsParseAsTheLaptopsReadOnlyCommands() {
        for (var run : ReadOnlyTraining.RUNS) {
            String[] args = run.toArray(String[]::new);
            CommandLine cl = AgentMain.commandLine(args);
            assertEquals(Set.of(run.get(0)), cl.getSubcommands().keySet());
            assertEquals(run, cl.parseArgs(args).originalArgs());
        }
    }

    private static String ran(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return exit + "\n" + out + "\n" + err;
    }
}
