package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.operate.AgentVerb;
import io.littlehub.cli.remote.AgentOptions;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** What every command on a remembered hub takes: which hub, JSON output. Changes add {@link ChangeOptions}' wait. */
public class HubOptions {
    @Option(names = "--hub", paramLabel = "NAME", description = "the hub (default: the last provisioned one)")
    String hub;

    @Option(names = "--json", description = "JSON output, for scripts")
    boolean json;

    private final Supplier<ConfigContext> context;

    public HubOptions() {
        this(ConfigContext::fromEnvironment);
    }

    /** For tests (through LittlehubCommand.commandLine): a temporary hub registry, captured output. */
    public HubOptions(Supplier<ConfigContext> context) {
        this.context = context;
    }

    boolean json() {
        return json;
    }

    /** A command that changes nothing the config lock guards (reads, or doctor's fixes). */
    int read(Function<AgentOptions, List<String>> command) {
        return new AgentVerb(context()).run(hub, command, false, json, null);
    }

    ConfigContext context() {
        return context.get();
    }
}
