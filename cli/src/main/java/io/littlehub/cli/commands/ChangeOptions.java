package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.remote.AgentVerb;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** What every command that changes the hub takes: {@link HubOptions}, and how long to wait for another change. */
public final class ChangeOptions extends HubOptions {
    @Option(names = "--wait", paramLabel = "SECONDS",
            description = "wait this long for another change to finish (default 60; 0: fail at once)") Integer wait;

    public ChangeOptions() {
        super();
    }

    /** For tests (through LittlehubCommand.commandLine): a temporary hub registry, captured output. */
    public ChangeOptions(Supplier<ConfigContext> context) {
        super(context);
    }

    int change(String command, List<String> options, List<String> names) {
        return change(List.of(command), options, names);
    }

    /** A change on the hub: {@code command} is the agent's words ({@code env install}). */
    int change(List<String> command, List<String> options, List<String> args) {
        return new AgentVerb(context()).run(hub, command, options, args, true, json, wait);
    }

    /** A change on the hub, with the laptop's own work before and after it on the same connection. */
    int change(String command, List<String> options, List<String> names, AgentVerb.Around around) {
        return new AgentVerb(context()).run(hub, List.of(command), options, names, true, json, wait, around);
    }
}
