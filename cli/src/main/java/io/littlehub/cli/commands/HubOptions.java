package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.students.RosterVerb;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** What every roster command takes: which hub, JSON output, how long to wait for another change. */
public final class HubOptions {
    @Option(names = "--hub", paramLabel = "NAME", description = "the hub (default: the last provisioned one)") String hub;
    @Option(names = "--json", description = "JSON output, for scripts") boolean json;
    @Option(names = "--wait", paramLabel = "SECONDS", description = "wait this long for another change to finish (default 60; 0: fail at once)") Integer wait;

    private final Supplier<ConfigContext> context;

    public HubOptions() {
        this(ConfigContext::fromEnvironment);
    }

    /** For tests (through LittlehubCommand.commandLine): a temporary hub registry, captured output. */
    public HubOptions(Supplier<ConfigContext> context) {
        this.context = context;
    }

    int change(String command, List<String> options, List<String> names) {
        return new RosterVerb(context.get()).run(hub, command, options, names, true, json, wait);
    }

    int read(String command, List<String> names) {
        return new RosterVerb(context.get()).run(hub, command, List.of(), names, false, json, null);
    }

    ConfigContext context() {
        return context.get();
    }
}
