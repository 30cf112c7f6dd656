package io.littlehub.cli.remote;

import io.littlehub.cli.hubconfig.AgentPassthrough;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.Failures;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.hubconfig.LockOwner;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.remote.AgentCommands.ConfigOptions;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.common.ExitCodes;
import java.util.List;

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
     * @param command the agent's command words ({@code add-student}, {@code env install})
     * @param change true for the commands that change something (they take --json, --wait, --who)
     */
    public int run(String hubName, List<String> command, List<String> options, List<String> args, boolean change, boolean json, Integer waitSeconds) {
        return run(hubName, command, options, args, change, json, waitSeconds, new Around() { });
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
    public int run(String hubName, List<String> command, List<String> options, List<String> args, boolean change, boolean json,
                   Integer waitSeconds, Around around) {
        ConfigOptions agentOptions = new ConfigOptions(json, change ? waitSeconds : null, change ? LockOwner.of(ctx.env()) : null);
        return Failures.guard(ctx, () -> {
            Hub hub = HubConnections.find(ctx.registry(), hubName);
            try (RemoteHost host = HubConnections.connect(ctx, hub)) {
                int before = around.before(host);
                if (before != ExitCodes.OK) {
                    return before;
                }
                int exit = AgentPassthrough.run(ctx, host, AgentCommands.verb(command, options, agentOptions, args));
                return exit == ExitCodes.OK ? around.after(host) : exit;
            } catch (IllegalStateException e) {
                ctx.err().println("littlehub: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        });
    }
}
