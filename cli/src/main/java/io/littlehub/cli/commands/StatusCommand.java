package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.remote.HubCheckCommands;
import io.littlehub.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code littlehub status [--json]}: the hub's agent reports ({@code littlehub-agent status}). */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "The hub at a glance: hub, proxy and timers (active since when), littlehub and JupyterHub versions,"
                    + " students (users, servers running, active in the last 5 min), memory, CPU, disk, the newest scheduled backup, HTTPS.",
            "--json: one object, for scripts (fields in docs/ARCHITECTURE.md).",
            "Exit code 1 also when the hub or the proxy is not active, a part could not be read, or a disk is 90% full (the problem line says what frees space)."
        })
@ExitsWith({ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNREACHABLE})
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    HubOptions hub;

    @Override
    public Integer call() {
        return hub.read(HubCheckCommands::status);
    }
}
