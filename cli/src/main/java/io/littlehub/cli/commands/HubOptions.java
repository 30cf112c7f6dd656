package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.remote.AgentVerb;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** What every command on a remembered hub takes: which hub, JSON output. Changes add {@link ChangeOptions}' wait. */
public class HubOptions {
    @Option(names = "--hub", paramLabel = "NAME", description = "the hub (default: the last provisioned one)") String hub;
    @Option(names = "--json", description = "JSON output, for scripts") boolean json;

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

    int read(String command, List<String> names) {
        return read(List.of(command), names);
    }

    int read(List<String> command, List<String> args) {
        return read(command, List.of(), args);
    }

    /** A command that changes nothing the config lock guards (reads, or doctor's fixes), with its own options. */
    int read(List<String> command, List<String> options, List<String> args) {
        return new AgentVerb(context()).run(hub, command, options, args, false, json, null);
    }

    ConfigContext context() {
        return context.get();
    }
}
