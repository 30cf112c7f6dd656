package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.operate.HubLogs;
import io.littlehub.cli.remote.Journalctl;
import io.littlehub.common.ExitCodes;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code littlehub logs [hub|proxy|https|STUDENT…] [-f] [--since WHEN] [-n LINES]}: parses, then {@link HubLogs}. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = {
            "The hub's logs (the systemd journal on the VM): the hub, the proxy, the HTTPS front, or a student's server.",
            "Without a name: the hub and the proxy together. Times are the VM's, in ISO format."
        },
        footer = {
            "",
            "Examples: littlehub logs hub --since 1h;  littlehub logs ada -f;  littlehub logs --since 2025-03-01T14:00 -n 1000"
        })
@ExitsWith({ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNREACHABLE})
public final class LogsCommand implements Callable<Integer> {
    @Option(names = "--hub", paramLabel = "NAME", description = "the hub (default: the last provisioned one)")
    String hub;

    @Parameters(
            paramLabel = "hub|proxy|https|STUDENT",
            arity = "0..*",
            description = "whose logs: hub, proxy, https or a student's name")
    List<String> targets;

    @Option(
            names = "--student",
            paramLabel = "NAME",
            description = "a student's server by name only (for a student named hub, proxy or https)")
    List<String> students;

    @Option(
            names = {"-f", "--follow"},
            description = "keep showing new lines until Ctrl-C")
    boolean follow;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            description =
                    "only lines since then: 30m, 1h, 2d back, or a date (2025-03-01) or date and time (2025-03-01T14:30)")
    String since;

    @Option(
            names = {"-n", "--lines"},
            paramLabel = "LINES",
            description = "the last LINES lines (default " + Journalctl.DEFAULT_LINES
                    + "; with -f: 10, then new ones); with --since, the first LINES from then on (default: all)")
    Integer lines;

    private final Supplier<ConfigContext> context;

    public LogsCommand() {
        this(ConfigContext::fromEnvironment);
    }

    public LogsCommand(Supplier<ConfigContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return new HubLogs(context.get())
                .run(new HubLogs.Request(
                        hub,
                        targets == null ? List.of() : targets,
                        students == null ? List.of() : students,
                        follow,
                        since,
                        lines));
    }
}
