package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.remote.AgentCommands;
import io.littlehub.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code littlehub rollback}: the hub's agent goes back to the release before the last upgrade. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
            "Return the hub to the littlehub release it ran before the last upgrade (its hub environment is still installed).",
            "The hub restarts: while people are active it says so first, as `upgrade` does."
        })
@ExitsWith({
    ExitCodes.OK,
    ExitCodes.FAILED,
    ExitCodes.USAGE,
    ExitCodes.UNREACHABLE,
    ExitCodes.LOCKED,
    ExitCodes.PEOPLE_ACTIVE
})
public final class RollbackCommand implements Callable<Integer> {
    @Mixin
    ChangeOptions hub;

    @Mixin
    HubRestartOptions restart;

    @Override
    public Integer call() {
        return hub.change(AgentCommands::rollback, restart.choice());
    }
}
