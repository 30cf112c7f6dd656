package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.remote.AgentVerb;
import java.util.List;
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

    int change(String command, List<String> options, List<String> names) {
        return change(List.of(command), options, names);
    }

    /** A change on the hub: {@code command} is the agent's words ({@code env install}). */
    int change(List<String> command, List<String> options, List<String> args) {
        return new AgentVerb(context.get()).run(hub, command, options, args, true, json, wait);
    }

    /** A change on the hub, with the laptop's own work before and after it on the same connection. */
    int change(String command, List<String> options, List<String> names, AgentVerb.Around around) {
        return new AgentVerb(context.get()).run(hub, List.of(command), options, names, true, json, wait, around);
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
        return new AgentVerb(context.get()).run(hub, command, options, args, false, json, null);
    }

    ConfigContext context() {
        return context.get();
    }
}
