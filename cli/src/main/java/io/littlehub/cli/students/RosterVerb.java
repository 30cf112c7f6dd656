package io.littlehub.cli.students;

import io.littlehub.cli.hubconfig.AgentPassthrough;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.Failures;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.hubconfig.LockOwner;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.remote.AgentCommands;
import io.littlehub.cli.remote.AgentCommands.ConfigOptions;
import io.littlehub.cli.transport.RemoteHost;
import java.util.List;

/**
 * A roster command on the hub: one agent command as root (it validates the names, changes the config under its lock,
 * applies, then stops servers or demotes admins through the hub's API); its output and exit code are passed through.
 */
public final class RosterVerb {
    private final ConfigContext ctx;

    public RosterVerb(ConfigContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param hubName null: the current hub
     * @param change true for the commands that change the config (they take --json, --wait, --who)
     */
    public int run(String hubName, String command, List<String> options, List<String> args, boolean change, boolean json, Integer waitSeconds) {
        ConfigOptions agentOptions = new ConfigOptions(json, change ? waitSeconds : null, change ? LockOwner.of(ctx.env()) : null);
        return Failures.guard(ctx, () -> {
            Hub hub = HubConnections.find(ctx.registry(), hubName);
            try (RemoteHost host = HubConnections.connect(ctx, hub)) {
                return AgentPassthrough.run(ctx, host, AgentCommands.roster(command, options, agentOptions, args));
            }
        });
    }
}
