package io.littlehub.cli.operate;

import io.littlehub.cli.hubconfig.AgentPassthrough;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.hubconfig.LockOwner;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.remote.AgentOptions;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.common.ExitCodes;
import java.util.List;
import java.util.function.Function;

/**
 * One agent command on the hub, as root, its output and exit code passed through: the roster commands (the agent
 * validates the names, changes the config under its lock, applies, then stops servers or demotes admins through the
 * hub's API) and the users' environment commands ({@code env install …}: the agent checks the packages, changes the
 * environment under its lock, rolls back, records).
 */
public final class AgentVerb {
    private final ConfigContext ctx;

    public AgentVerb(ConfigContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param hubName null: the current hub
     * @param command the agent's argv for the options (a builder of {@code io.littlehub.cli.remote})
     * @param change  true for the commands that change something (they take --wait and --who)
     */
    public int run(
            String hubName,
            Function<AgentOptions, List<String>> command,
            boolean change,
            boolean json,
            Integer waitSeconds) {
        return run(hubName, command, change, json, waitSeconds, new Around() {});
    }

    /** The laptop's own work on the same connection, before the agent's command and after it succeeded. */
    public interface Around {
        /** Anything but {@link ExitCodes#OK} stops the command before the agent runs. */
        default int before(RemoteHost host) {
            return ExitCodes.OK;
        }

        /** Its exit code is the command's. */
        default int after(RemoteHost host) {
            return ExitCodes.OK;
        }
    }

    /** As above, with {@code around}; a failure of its remote work (an {@link IllegalStateException}) is exit 1. */
    public int run(
            String hubName,
            Function<AgentOptions, List<String>> command,
            boolean change,
            boolean json,
            Integer waitSeconds,
            Around around) {
        AgentOptions options =
                new AgentOptions(json, change ? waitSeconds : null, change ? LockOwner.of(ctx.env()) : null);
        Hub hub = HubConnections.find(ctx.registry(), hubName);
        try (RemoteHost host = HubConnections.connect(ctx, hub)) {
            int before = around.before(host);
            if (before != ExitCodes.OK) {
                return before;
            }
            int exit = AgentPassthrough.run(ctx, host, command.apply(options));
            return exit == ExitCodes.OK ? around.after(host) : exit;
        }
    }
}
