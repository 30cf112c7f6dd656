package io.littlehub.cli.hubconfig;

import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.remote.AgentCommands;
import io.littlehub.cli.remote.AgentCommands.ConfigOptions;
import io.littlehub.cli.transport.RemoteHost;
import java.util.List;

/**
 * The config verbs that are one agent command on the VM: {@code show}, {@code get}, {@code history} (read) and
 * {@code set}, {@code unset}, {@code add-item}, {@code remove-item}, {@code rollback} (change: the agent validates,
 * takes the lock, records history, applies and rolls back on failure). Output and exit code are the agent's.
 */
public final class RemoteVerb {
    /** Verbs that change the config: they get --json, --wait and --who. */
    static final List<String> CHANGES = List.of("set", "unset", "add-item", "remove-item", "rollback", "apply");

    private final ConfigContext ctx;

    public RemoteVerb(ConfigContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param hubName null: the current hub
     * @param waitSeconds null: the agent's default (60 s)
     */
    public int run(String hubName, String verb, List<String> args, boolean json, Integer waitSeconds) {
        return Failures.guard(ctx, () -> {
            Hub hub = HubConnections.find(ctx.registry(), hubName);
            try (RemoteHost host = HubConnections.connect(ctx, hub)) {
                return AgentPassthrough.run(ctx, host, AgentCommands.config(verb, args, options(verb, json, waitSeconds)));
            }
        });
    }

    ConfigOptions options(String verb, boolean json, Integer waitSeconds) {
        return CHANGES.contains(verb) ? new ConfigOptions(json, waitSeconds, LockOwner.of(ctx.env())) : ConfigOptions.NONE;
    }
}
