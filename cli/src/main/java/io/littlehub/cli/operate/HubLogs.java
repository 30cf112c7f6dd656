package io.littlehub.cli.operate;

import io.littlehub.cli.hubconfig.AgentPassthrough;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.remote.Journalctl;
import io.littlehub.cli.transport.RemoteHost;
import java.util.List;

/**
 * {@code littlehub logs}: the hub's journal over SSH, as root, its lines passed through as they arrive (with
 * {@code -f} until Ctrl-C ends the laptop's side, and with it the session). No agent is needed: journalctl is the tool.
 */
public final class HubLogs {
    private final ConfigContext ctx;

    public HubLogs(ConfigContext ctx) {
        this.ctx = ctx;
    }

    /** What to show: see {@link Journalctl#argv}. */
    public record Request(
            String hubName, List<String> targets, List<String> students, boolean follow, String since, Integer lines) {}

    public int run(Request r) {
        // A bad name or time is refused (exit 2, by LittlehubCommand) before anything connects.
        List<String> argv = Journalctl.argv(r.targets(), r.students(), r.follow(), r.since(), r.lines());
        try (RemoteHost host = HubConnections.connect(ctx, HubConnections.find(ctx.registry(), r.hubName()))) {
            return AgentPassthrough.run(ctx, host, argv);
        }
    }
}
