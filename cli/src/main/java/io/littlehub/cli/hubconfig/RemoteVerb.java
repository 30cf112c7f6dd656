package io.littlehub.cli.hubconfig;

import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.remote.AgentOptions;
import io.littlehub.cli.remote.ConfigCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.ConfigMask;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
     * @param restart what a change may do when it restarts the hub while people are active: on a terminal, without
     *     --yes or --when-idle, the agent stops with its notice and the teacher is asked here ({@link RestartChoice})
     */
    public int run(
            String hubName, String verb, List<String> args, boolean json, Integer waitSeconds, RestartChoice restart) {
        Hub hub = HubConnections.find(ctx.registry(), hubName);
        try (RemoteHost host = HubConnections.connect(ctx, hub)) {
            AgentOptions options = options(verb, json, waitSeconds);
            return CHANGES.contains(verb)
                    ? restart.run(ctx, json, restartOptions -> once(host, verb, args, options, restartOptions))
                    : once(host, verb, args, options, List.of());
        }
    }

    private int once(RemoteHost host, String verb, List<String> args, AgentOptions options, List<String> restart) {
        if (verb.equals("set") && args.size() == 2 && ConfigMask.packaged().isSecret(args.get(0))) {
            // A secret goes on stdin: on the VM's command line every user's `ps` and sudo's log would see it.
            List<String> argv = ConfigCommands.setFromStdin(args.get(0), options, restart);
            byte[] value = (args.get(1) + "\n").getBytes(StandardCharsets.UTF_8);
            int exit = host.runAsRootBinary(argv, new ByteArrayInputStream(value), ctx.out(), ctx.err()::println);
            ctx.out().flush();
            return exit < 0 ? ExitCodes.FAILED : exit;
        }
        return AgentPassthrough.run(ctx, host, ConfigCommands.config(verb, args, options, restart));
    }

    /** {@code show} or {@code get KEY}: secret values masked by the agent unless {@code showSecrets}. */
    public int read(String hubName, String verb, List<String> args, boolean showSecrets) {
        String[] a = args.toArray(String[]::new);
        Hub hub = HubConnections.find(ctx.registry(), hubName);
        try (RemoteHost host = HubConnections.connect(ctx, hub)) {
            return AgentPassthrough.run(
                    ctx, host, showSecrets ? ConfigCommands.readWithSecrets(verb, a) : ConfigCommands.read(verb, a));
        }
    }

    AgentOptions options(String verb, boolean json, Integer waitSeconds) {
        return CHANGES.contains(verb)
                ? new AgentOptions(json, waitSeconds, LockOwner.of(ctx.env()))
                : AgentOptions.NONE;
    }
}
