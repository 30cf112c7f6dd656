package io.littlehub.cli.commands;

import io.littlehub.cli.remote.HubCheckCommands;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code littlehub status [--json]}: the hub's agent reports ({@code littlehub-agent status}). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"The hub at a glance: hub, proxy and timers (active since when), littlehub and JupyterHub versions,"
                + " students (users, servers running, active in the last 5 min), memory, CPU, disk, the newest scheduled backup, HTTPS.",
                "--json: one object, for scripts (fields in docs/ARCHITECTURE.md)."},
        footer = {"", "Exit codes: 0 all running, 1 the hub or the proxy is not active or a part could not be read, 2 no hub known,"
                + " 3 SSH failed."})
public final class StatusCommand implements Callable<Integer> {
    @Mixin HubOptions hub;

    @Override
    public Integer call() {
        return hub.read(HubCheckCommands::status);
    }
}
