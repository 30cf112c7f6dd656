package io.littlehub.cli.provision;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.hubconfig.LockOwner;
import io.littlehub.cli.hubconfig.RestartChoice;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.remote.AgentCommands;
import io.littlehub.cli.remote.AgentOptions;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.common.events.EventSink;
import io.littlehub.common.events.HumanReport;
import io.littlehub.common.events.JsonLines;
import java.util.List;

/**
 * {@code littlehub upgrade}: pushes this laptop's agent (its release) and runs its {@code upgrade}, which refuses a
 * skipped minor version, copies the hub state, builds the release beside the running one, switches, checks the hub
 * and rolls back by itself; its events are reported as they come.
 */
public final class Upgrader {
    private final ConfigContext ctx;
    private final byte[] agentJar;

    public Upgrader(ConfigContext ctx) {
        this(ctx, AgentPush.agentJar());
    }

    /** With another release's agent: how tests upgrade to a release they build. */
    Upgrader(ConfigContext ctx, byte[] agentJar) {
        this.ctx = ctx;
        this.agentJar = agentJar;
    }

    /**
     * {@code hubName} null: the current hub; {@code toVersion} null: this laptop's release; {@code restart}: what the
     * upgrade does while people are active (it restarts the hub): the agent says so first, and on a terminal the
     * teacher is asked, then it runs again with --yes.
     */
    public int run(String hubName, String toVersion, boolean json, Integer waitSeconds, RestartChoice restart) {
        Hub hub = HubConnections.find(ctx.registry(), hubName);
        EventSink sink = json ? new JsonLines(ctx.out()) : new HumanReport(ctx.out(), false, hub.host());
        LaptopSteps steps = new LaptopSteps(sink);
        try (RemoteHost host = HubConnections.connect(ctx, hub)) {
            long t = steps.now();
            boolean pushed = AgentPush.ensure(host, agentJar, false);
            steps.result(
                    "littlehub agent of this laptop's release on the VM",
                    pushed,
                    t,
                    pushed ? List.of("upload littlehub-agent.jar") : List.of());
            AgentOptions options = new AgentOptions(true, waitSeconds, LockOwner.of(ctx.env()));
            long started = steps.now();
            int exit = restart.run(
                    ctx,
                    json,
                    restartOptions -> Provisioner.runAgent(
                            host, AgentCommands.upgrade(toVersion, options, restartOptions), steps, ctx.err()));
            return Provisioner.agentExit(exit, steps, "Upgrade", started);
        }
    }
}
