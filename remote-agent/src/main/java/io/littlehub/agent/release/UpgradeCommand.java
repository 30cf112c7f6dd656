package io.littlehub.agent.release;

import io.littlehub.agent.ChangeOptions;
import io.littlehub.agent.RestartOptions;
import io.littlehub.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code littlehub-agent upgrade [--to VERSION]}: parses, then {@link ReleaseChange#upgrade}. */
@Command(
        name = "upgrade",
        description = {
            "Move the hub to this agent's littlehub release: one minor version at a time, the hub"
                    + " state copied first, the new release built beside the running one, switched in one step, health-checked, and"
                    + " rolled back by itself when the hub does not come up.",
            "Student servers keep running throughout. The hub restarts: while people are active it says so first"
                    + " (--yes: now; --when-idle: once nobody is active)."
        })
public final class UpgradeCommand implements Callable<Integer> {
    @Option(names = "--to", paramLabel = "VERSION", description = "only upgrade if this agent's release is VERSION")
    String to;

    @Mixin
    ChangeOptions change;

    @Mixin
    RestartOptions restart;

    @Override
    public Integer call() throws Exception {
        if (restart.refused(System.err)) {
            return ExitCodes.USAGE;
        }
        return ReleaseChange.onThisMachine()
                .upgrade(to, change.who(), change.waitSeconds(), restart::hubRestartGate, change.events());
    }
}
