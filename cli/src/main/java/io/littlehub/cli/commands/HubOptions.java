package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.operate.AgentVerb;
import io.littlehub.cli.remote.AgentOptions;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** What every roster and env command takes: which hub, JSON output, how long to wait for another change. */
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

    /** A change on the hub: {@code command} builds the agent's argv (io.littlehub.cli.remote) for the options. */
    int change(Function<AgentOptions, List<String>> command) {
        return new AgentVerb(context.get()).run(hub, command, true, json, wait);
    }

    /** A change on the hub, with the laptop's own work before and after it on the same connection. */
    int change(Function<AgentOptions, List<String>> command, AgentVerb.Around around) {
        return new AgentVerb(context.get()).run(hub, command, true, json, wait, around);
    }

    boolean json() {
        return json;
    }

    /** A command that changes nothing the config lock guards (reads, or doctor's fixes). */
    int read(Function<AgentOptions, List<String>> command) {
        return new AgentVerb(context.get()).run(hub, command, false, json, null);
    }

    ConfigContext context() {
        return context.get();
    }
}
