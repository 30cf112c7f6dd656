package io.littlehub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.common.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** What `littlehub … --help` shows: every command's exit codes, the root's groups. */
class CommandHelpTest {
    private static final CommandLine ROOT = LittlehubCommand.commandLine(ConfigContext::fromEnvironment);

    static List<CommandLine> everyCommand() {
        List<CommandLine> all = new ArrayList<>();
        collect(ROOT, all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        all.add(command);
        command.getSubcommands().values().stream().distinct().forEach(c -> collect(c, all));
    }

    @Test
    void everyCommandsHelpListsItsExitCodesWithTheirMeanings() {
        List<CommandLine> all = everyCommand();
        assertTrue(all.size() > 35, "the whole tree, config's and env's verbs too: " + all.size());
        for (CommandLine command : all) {
            String name = command.getCommandSpec().qualifiedName();
            String help = command.getUsageMessage(Ansi.OFF);
            ExitsWith declared = ExitCodeHelp.declared(command.getCommandSpec());
            assertTrue(declared.value().length > 0, name);
            assertTrue(help.contains("\nExit codes:\n"), name + " has exit codes:\n" + help);
            String list = help.substring(help.indexOf("Exit codes:"));
            for (int code : declared.value()) {
                Pattern line = Pattern.compile("(?m)^ +" + code + " +" + Pattern.quote(ExitCodes.meaning(code)) + "$");
                assertTrue(line.matcher(list).find(), name + " lists exit code " + code + ":\n" + help);
            }
            long listed = list.lines()
                    .skip(1)
                    .takeWhile(l -> l.startsWith(" "))
                    .filter(l -> l.matches("  \\S.*"))
                    .count();
            assertEquals(declared.value().length + (declared.others().isEmpty() ? 0 : 1), listed, name + ":\n" + help);
        }
    }

    @Test
    void theRootHelpGroupsEveryCommandOnceInTheOrderATeacherMeetsThem() {
        String help = ROOT.getUsageMessage(Ansi.OFF);
        List<String> headings =
                help.lines().filter(l -> l.matches("[A-Z][a-z ]+:")).toList();
        assertEquals(List.of("Getting started:", "The class:", "The hub:", "Safety:", "Exit codes:"), headings, help);
        for (String command : ROOT.getSubcommands().keySet()) {
            long lines = help.lines()
                    .filter(l -> l.matches("  " + Pattern.quote(command) + "( .*)?"))
                    .count();
            assertEquals(1, lines, command + " once:\n" + help);
        }
        assertTrue(help.indexOf(" try ") < help.indexOf(" provision ")
                && help.indexOf(" provision ") < help.indexOf(" students "));
    }

    @Test
    void aCommandInNoGroupIsCaughtHere() {
        CommandLine root = LittlehubCommand.commandLine(ConfigContext::fromEnvironment);
        root.addSubcommand("stray", CommandLine.Model.CommandSpec.create());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> root.getUsageMessage(Ansi.OFF));
        assertEquals("commands in no help group: [stray]", e.getMessage());
    }

    @Test
    void oldOptionSpellingsStillParseButHelpShowsOnlyTheNewOnes() {
        String[][] oldAndNew = {
            {"provision", "--name", "--hub"},
            {"restore", "--name", "--hub"},
            {"backup", "--to", "--to-dir"},
            {"upgrade", "--to", "--release"}
        };
        for (String[] o : oldAndNew) {
            CommandLine command = ROOT.getSubcommands().get(o[0]);
            String help = command.getUsageMessage(Ansi.OFF);
            assertTrue(help.contains(o[2] + "="), o[0] + " shows " + o[2] + ":\n" + help);
            assertFalse(help.contains(o[1] + "="), o[0] + " hides " + o[1] + ":\n" + help);
            assertTrue(command.getCommandSpec().findOption(o[1]).hidden(), o[0] + " " + o[1]);
        }
        CommandLine.ParseResult p = LittlehubCommand.commandLine(ConfigContext::fromEnvironment)
                .parseArgs("provision", "teacher@203.0.113.7", "--name", "class-a");
        assertEquals("class-a", p.subcommand().commandSpec().findOption("--hub").getValue());
    }

    @Test
    void readCommandsOfferNoWaitTheyWouldIgnore() {
        for (String read : List.of("status", "students", "doctor", "reset-password")) {
            assertEquals(null, ROOT.getSubcommands().get(read).getCommandSpec().findOption("--wait"), read);
        }
        for (String change :
                List.of("add-student", "remove-student", "add-admin", "remove-admin", "upgrade", "rollback")) {
            assertTrue(ROOT.getSubcommands().get(change).getCommandSpec().findOption("--wait") != null, change);
        }
    }

    @Test
    void everyCommandThatRestartsTheHubTakesTheRestartOptionsAfterItsVerb() {
        for (List<String> args : List.of(
                List.of("config", "set", "services.cull.timeout", "1200", "--when-idle", "--idle-timeout", "20"),
                List.of("upgrade", "--when-idle", "--idle-timeout", "20"),
                List.of("rollback", "--when-idle", "--idle-timeout", "20"))) {
            CommandLine.ParseResult p =
                    LittlehubCommand.commandLine(ConfigContext::fromEnvironment).parseArgs(args.toArray(String[]::new));
            while (p.hasSubcommand()) {
                p = p.subcommand();
            }
            assertTrue(p.hasMatchedOption("--when-idle"), args.toString());
            assertEquals(20, (Integer) p.matchedOptionValue("--idle-timeout", null), args.toString());
        }
        for (String command : List.of("upgrade", "rollback")) {
            CommandLine.Model.CommandSpec spec =
                    ROOT.getSubcommands().get(command).getCommandSpec();
            assertTrue(spec.findOption("--yes") != null && spec.findOption("--idle-minutes") != null, command);
        }
    }
}
