package io.littlehub.cli.guides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.LittlehubCommand;
import io.littlehub.cli.hubconfig.ConfigContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command the cloud guides (providers/*.md) and the README's ten-minute path, sizing and troubleshooting
 * sections tell a teacher to type is one the CLI accepts: each is parsed by the real picocli command line, and an
 * unknown command or option fails with file:line. (Config keys are the VM's business: `config set` takes any key.)
 */
class GuideCommandsTest {
    /** The README sections this checks: from each of these headings to the next "## ". */
    static final List<String> README_SECTIONS = List.of(
            "## The first ten minutes",
            "## Many hubs: an inventory, one command for all",
            "## Sizing and cloud guides",
            "## When the class outgrows one VM",
            "## Troubleshooting");

    static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("providers"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no folder above " + Path.of("").toAbsolutePath() + " holds README.md and providers/");
    }

    static List<GuideCommands.Found> guides() throws IOException {
        Path repo = repo();
        List<GuideCommands.Found> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(repo.resolve("providers"))) {
            for (Path md :
                    files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                found.addAll(GuideCommands.in(repo.relativize(md), Files.readAllLines(md), 1));
            }
        }
        List<String> readme = Files.readAllLines(repo.resolve("README.md"));
        for (String heading : README_SECTIONS) {
            int start = readme.indexOf(heading);
            assertTrue(start >= 0, "README.md has no section \"" + heading + "\"");
            int end = start + 1;
            while (end < readme.size() && !readme.get(end).startsWith("## ")) {
                end++;
            }
            found.addAll(GuideCommands.in(Path.of("README.md"), readme.subList(start, end), start + 1));
        }
        return found;
    }

    /** Each command's problem, as file:line: `command`: picocli's message; empty when all parse. */
    static List<String> problems(List<GuideCommands.Found> commands) {
        List<String> problems = new ArrayList<>();
        for (GuideCommands.Found c : commands) {
            try {
                LittlehubCommand.commandLine(ConfigContext::fromEnvironment)
                        .parseArgs(c.args().toArray(String[]::new));
            } catch (CommandLine.MissingParameterException e) {
                // Prose may name a command without its required arguments (`littlehub size`); a line to type may not.
                if (!c.inline()) {
                    problems.add(c.where() + ": `" + c.text() + "`: " + e.getMessage());
                }
            } catch (CommandLine.ParameterException e) {
                problems.add(c.where() + ": `" + c.text() + "`: " + e.getMessage());
            }
        }
        return problems;
    }

    @Test
    void everyCommandInTheGuidesParses() throws IOException {
        List<GuideCommands.Found> commands = guides();
        List<String> problems = problems(commands);
        assertTrue(problems.isEmpty(), String.join("\n", problems));

        Set<String> used = new TreeSet<>(commands.stream()
                .filter(c -> !c.args().isEmpty())
                .map(c -> c.args().get(0))
                .toList());
        assertTrue(
                used.containsAll(List.of("size", "cloud-init", "provision", "config", "add-student")),
                "the guides walk through all steps: " + used);
        try (Stream<Path> files = Files.list(repo().resolve("providers"))) {
            for (Path md : files.filter(p -> p.toString().endsWith(".md") && !p.endsWith("README.md"))
                    .toList()) {
                Path name = repo().relativize(md);
                assertTrue(
                        commands.stream()
                                .anyMatch(c ->
                                        c.file().equals(name) && c.args().get(0).equals("provision")),
                        name + " shows littlehub provision");
                assertTrue(
                        commands.stream()
                                .anyMatch(c -> c.file().equals(name)
                                        && c.args().equals(List.of("config", "set", "https.enabled", "true"))),
                        name + " turns on HTTPS");
            }
        }
        System.out.printf("%d guide commands parsed: %s%n", commands.size(), used);
    }

    @Test
    void aWrongCommandIsReportedWithFileAndLine() {
        List<String> md = List.of(
                "# Guide",
                "Run `littlehub size --students 30` first; `littlehub size` alone names it.",
                "",
                "```sh",
                "littlehub provision teacher@203.0.113.10 --bogus   # a typo",
                "bin/littlehub frobnicate",
                "```",
                "    littlehub config set https.enabled true",
                "    $ littlehub cloud-init --user teacher > user-data.yaml");
        List<GuideCommands.Found> found = GuideCommands.in(Path.of("providers/x.md"), md, 1);
        assertEquals(
                List.of(2, 2, 5, 6, 8, 9),
                found.stream().map(GuideCommands.Found::line).toList());
        assertEquals(
                List.of("cloud-init", "--user", "teacher"),
                found.get(5).args(),
                "the redirection is the shell's, not an argument");
        List<String> problems = problems(found);
        assertEquals(2, problems.size(), String.join("\n", problems));
        assertTrue(
                problems(List.of(new GuideCommands.Found(Path.of("x.md"), 1, "littlehub size", List.of("size"), false)))
                        .get(0)
                        .contains("Missing required option: '--students=N'"),
                "a line to type must be complete");
        assertTrue(
                problems.get(0)
                        .startsWith(
                                "providers/x.md:5: `littlehub provision teacher@203.0.113.10 --bogus   # a typo`: Unknown option: '--bogus'"),
                problems.get(0));
        assertTrue(
                problems.get(1).startsWith("providers/x.md:6: `bin/littlehub frobnicate`: Unmatched argument"),
                problems.get(1));
    }

    @Test
    void wordsAreSplitAsAShellDoes() {
        assertEquals(
                List.of("config", "set", "limits.users", "{ta: {memory: 4G}}"),
                GuideCommands.words("littlehub config set limits.users \"{ta: {memory: 4G}}\""));
        assertEquals(
                List.of("env", "install", "--", "pandas>=2.2"),
                GuideCommands.words("bin/littlehub env install -- 'pandas>=2.2' | tee log"));
        assertEquals(List.of("ssh", "--", "a b"), GuideCommands.words("littlehub ssh -- a\\ b && echo"));
    }
}
