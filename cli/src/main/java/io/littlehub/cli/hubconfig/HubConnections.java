package io.littlehub.cli.hubconfig;

import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.SshConnector;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.cli.transport.SshTarget;
import java.nio.file.Path;

/** Finds the hub a config verb is about (--hub NAME, else the last provisioned one) and logs in to its VM. */
public final class HubConnections {
    private HubConnections() {}

    /** The remembered hub; a {@link NoSuchHub} naming {@code littlehub provision} when there is none. */
    public static Hub find(HubRegistry registry, String name) {
        return registry.find(name).orElseThrow(() -> {
            var known = registry.read().hubs().keySet();
            if (known.isEmpty()) {
                return new NoSuchHub("no hub is known on this laptop yet: run `littlehub provision USER@HOST` first"
                        + " (it remembers the hub for the config commands)");
            }
            if (name == null) {
                return new NoSuchHub("no current hub: name one with --hub (known: " + String.join(", ", known) + ")");
            }
            return new NoSuchHub("no hub named " + name + " on this laptop (known: " + String.join(", ", known)
                    + "); `littlehub provision USER@HOST --name " + name + "` remembers one under that name");
        });
    }

    public static RemoteHost connect(ConfigContext ctx, Hub hub) {
        SshTarget target = new SshTarget(
                hub.user(), hub.host(), hub.port(), hub.identity() == null ? null : Path.of(hub.identity()));
        return SshConnector.connect(target, ssh(ctx, hub));
    }

    /** The SSH options for this hub: its own known_hosts when provisioning recorded its key in one (`try`). */
    public static SshOptions ssh(ConfigContext ctx, Hub hub) {
        return hub.knownHosts() == null ? ctx.ssh() : ctx.ssh().withKnownHosts(Path.of(hub.knownHosts()));
    }

    /** The hub to talk to is not known: a usage problem, told with the command that fixes it. */
    static final class NoSuchHub extends IllegalArgumentException {
        NoSuchHub(String message) {
            super(message);
        }
    }
}
