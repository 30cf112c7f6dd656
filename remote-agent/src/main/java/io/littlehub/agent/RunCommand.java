package io.littlehub.agent;

import io.littlehub.agent.config.ConfigProblem;
import io.littlehub.agent.config.ConfigValidator;
import io.littlehub.agent.config.Layout;
import io.littlehub.agent.events.EventSink;
import io.littlehub.agent.events.HumanReport;
import io.littlehub.agent.events.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code littlehub-agent run PLAYBOOK}: applies a packaged playbook to this machine, in one process. */
@Command(name = "run", description = "Run a packaged playbook (provision, …) on this machine.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PLAYBOOK", description = "provision") String playbook;
    @Option(names = "--check", description = "plan only: report what would change, change nothing") boolean check;
    @Option(names = "--diff", description = "show file changes (secrets are never shown)") boolean diff;
    @Option(names = "--json", description = "one JSON event per line (what the laptop CLI reads)") boolean json;
    @Option(names = "--config", description = "hub config (default: ${DEFAULT-VALUE})", defaultValue = Layout.CONFIG_FILE) Path config;

    @Override
    public Integer call() throws Exception {
        EventSink events = json ? new JsonLines(System.out) : new HumanReport(System.out, diff, "localhost");
        String text = Files.isRegularFile(config) ? Files.readString(config) : "";
        // A config with problems changes nothing on the machine: say what is wrong, by line, and stop.
        List<ConfigProblem> problems = new ConfigValidator().validate(text);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println(config + ": " + p));
            System.err.println("nothing changed: the config has " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
            return ExitCodes.INVALID_CONFIG;
        }
        return PlaybookRun.run(playbook, text, events, check, diff).success() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
