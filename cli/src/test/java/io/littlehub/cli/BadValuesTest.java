package io.littlehub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.common.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every command fed bad values, as a teacher types them: each is refused with exit 2 and a message in words, never
 * Java's (an exception's name, a Java type, a stack trace), never escape codes or {@code \r}. Nothing connects: the
 * hub registry is an empty temporary folder, and a VM address is 127.0.0.1 port 1.
 */
class BadValuesTest {
    /** What a message must not contain: Java showing through. */
    private static final List<String> JAVA = List.of(
            "java.", "Exception", "BigDecimal", "Integer", "NumberFormat", "Path", "\tat ", "\u001b", "\r", "null");
    /** Values that are no number, no file name, or nothing at all. */
    private static final List<String> BAD = List.of("abc", "50%", "", " ", "1.5", "99999999999", "-", "a\u0000b");
    /** The parse sweep's stand-in for running a command: a value that parsed is the execution sweep's business. */
    private static final int PARSED = 99;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private CommandLine commandLine() {
        PrintStream both = new PrintStream(output, true, StandardCharsets.UTF_8);
        ConfigContext ctx = new ConfigContext(
                new HubRegistry(dir.resolve("registry")),
                SshOptions.defaults()
                        .withHome(dir)
                        .withKnownHosts(dir.resolve("known_hosts"))
                        .withAgentSocket(null)
                        .withConnectTimeoutMillis(2000),
                both,
                both,
                ScriptedPrompter.nobody(),
                Map.of("USER", "teacher"));
        CommandLine cl = LittlehubCommand.commandLine(() -> ctx);
        cl.setOut(new PrintWriter(both, true));
        cl.setErr(new PrintWriter(both, true));
        return cl;
    }

    private void assertRefusedInWords(int exit, List<String> args) {
        String said = output.toString(StandardCharsets.UTF_8);
        String shown = "littlehub " + String.join(" ", args) + " → exit " + exit + ":\n" + said;
        assertEquals(ExitCodes.USAGE, exit, shown);
        assertFalse(said.isBlank(), "says what is wrong: " + shown);
        for (String java : JAVA) {
            assertFalse(
                    said.contains(java), "no " + java.replace("\u001b", "ESC").replace("\r", "\\r") + " in " + shown);
        }
        assertFalse(said.contains("Usage:"), "a usage error is not the whole help page: " + shown);
    }

    /** Every option and typed positional of every command, each bad value: refused while parsing, in words. */
    @Test
    void everyOptionRefusesValuesItCannotUseInWords() {
        int cases = 0;
        CommandLine cl = commandLine();
        cl.setExecutionStrategy(parsed -> PARSED);
        for (CommandLine command : CommandHelpTest.everyCommand()) {
            List<String> path = path(command);
            for (ArgSpec arg : args(command)) {
                boolean typed = !Set.of(String.class, boolean.class, Boolean.class)
                                .contains(arg.type())
                        && !(Collection.class.isAssignableFrom(arg.type()) && arg.auxiliaryTypes()[0] == String.class);
                if (arg.arity().max() == 0 || (arg instanceof PositionalParamSpec && !typed)) {
                    continue;
                }
                for (String bad : BAD) {
                    List<String> args = new ArrayList<>(path);
                    if (arg instanceof OptionSpec o) {
                        args.add(o.longestName());
                    } else {
                        int index = ((PositionalParamSpec) arg).index().min();
                        for (int i = 0; i < index; i++) {
                            args.add("x");
                        }
                    }
                    args.add(bad);
                    output.reset();
                    int exit = cl.execute(args.toArray(String[]::new));
                    if (exit == PARSED) {
                        continue; // a value this type takes ("1.5" is a number): the execution sweep's business
                    }
                    assertRefusedInWords(exit, args);
                    cases++;
                }
            }
        }
        assertTrue(cases > 100, "cases: " + cases);
    }

    /** Values that parse and are refused when the command runs, before anything connects. */
    @Test
    void commandsRefuseBadValuesBeforeTheyConnect() throws IOException {
        String missing = dir.resolve("missing.yaml").toString();
        String folder = Files.createDirectories(dir.resolve("folder")).toString();
        String empty = Files.createFile(dir.resolve("empty")).toString();
        String vm = "teacher@127.0.0.1";
        List<List<String>> cases = List.of(
                List.of("size", "--students", "0"),
                List.of("class", "warm", "--now", "--grace", "241"),
                List.of("class", "warm", "--now", "--minutes-before", "-1"),
                List.of("size", "--students", "-5"),
                List.of("size", "--students", "30", "--concurrent", "2"),
                List.of("size", "--students", "30", "--concurrent", "0"),
                List.of("rehearse", "--students", "0"),
                List.of("rehearse", "--students", "100000"),
                List.of("rehearse", "--students", "3", "--code", " "),
                List.of("rehearse", "--students", "3", "--stay", "2 minutes"),
                List.of("size", "--students", "30", "--memory-per-student", "2GB"),
                List.of("size", "--students", "30", "--memory-per-student", ""),
                List.of("size", "--students", "30", "--cpu-per-student", "-1"),
                List.of("size", "--students", "30", "--disk-per-student", "50%"),
                List.of("cloud-init", "--key", missing),
                List.of("cloud-init", "--key", folder),
                List.of("cloud-init", "--key", empty),
                List.of("cloud-init", "--user", ""),
                List.of("cloud-init", "--user", "root"),
                List.of("cloud-init", "--user", "Bad Name"),
                List.of("config", "validate", missing),
                List.of("config", "validate", folder),
                List.of("config", "apply", missing),
                List.of("config", "set", "limits.memory", "2G", "--hub", "nosuch"),
                List.of("config", "show", "--hub", ""),
                List.of("config", "edit", "--hub", "nosuch"),
                List.of("status", "--hub", "nosuch"),
                List.of("status", "--hub", ""),
                List.of("students"),
                List.of("doctor", "--hub", "nosuch"),
                List.of("doctor", "--fix"),
                List.of("logs", "--since", "yesterday"),
                List.of("logs", "--since", ""),
                List.of("logs", "a b"),
                List.of("logs", "-n", "-5"),
                List.of("logs", "--hub", "nosuch"),
                List.of("add-student", ""),
                List.of("add-student"),
                List.of("add-student", "--csv", missing),
                List.of("add-student", "--csv", folder),
                List.of("add-student", "ada", "--hub", "nosuch"),
                List.of("add-student", "ada", "--issue-passwords", empty),
                List.of("remove-student", "ada", "--archive", "--delete-home"),
                List.of("add-admin", "ada", "--password-file", missing),
                List.of("add-admin", "ada", "bob", "--password-file", empty),
                List.of("remove-admin", "ada"),
                List.of("reset-password", ""),
                List.of("env", "install", "--", "numpy"),
                List.of("env", "list", "--hub", "nosuch"),
                List.of("upgrade", "--hub", "nosuch"),
                List.of("rollback"),
                List.of("ssh", "--hub", "nosuch"),
                List.of("backup"),
                List.of("backup", "--keep", "3"),
                List.of("backup", "--schedule", "hourly"),
                List.of("backup", "--to-dir", missing, "--hub", "nosuch"),
                List.of("backup", "--passphrase-file", missing, "--no-secrets"),
                List.of("provision", vm, "-p", "1", "--config", missing),
                List.of("provision", vm, "-p", "1", "--config", folder),
                List.of("provision", vm, "-p", "1", "--admin", "Bad Name"),
                List.of("provision", vm, "-p", "1", "--admin", "ada", "--admin-password-file", missing),
                List.of("provision", vm, "-p", "0"),
                List.of("provision", vm, "-p", "70000"),
                List.of("provision", ""),
                List.of("provision", "teacher@"),
                List.of("provision", "@host"),
                List.of("restore", missing, vm, "-p", "1"),
                List.of("restore", folder, vm, "-p", "1"),
                List.of("completion", "fish"),
                List.of("completion"),
                List.of("no-such-command"));
        CommandLine cl = commandLine();
        for (List<String> args : cases) {
            output.reset();
            assertRefusedInWords(cl.execute(args.toArray(String[]::new)), args);
        }
    }

    private static List<ArgSpec> args(CommandLine command) {
        List<ArgSpec> all = new ArrayList<>(command.getCommandSpec().options());
        all.addAll(command.getCommandSpec().positionalParameters());
        return all;
    }

    private static List<String> path(CommandLine command) {
        List<String> names = new ArrayList<>();
        for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
            names.add(0, c.getCommandName());
        }
        return names;
    }
}
