package io.littlehub.agent.release;

import io.littlehub.agent.ChangeOptions;
import io.littlehub.agent.RestartOptions;
import io.littlehub.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code littlehub-agent rollback}: parses, then {@link ReleaseChange#rollback}. */
@Command(name = "rollback", description = "Return the hub to the littlehub release it ran before the last upgrade.")
public final class RollbackCommand implements Callable<Integer> {
    @Mixin
    ChangeOptions change;

    @Mixin
    RestartOptions restart;

    @Override
    public Integer call() throws Exception {
        return restart.refused(System.err)
                ? ExitCodes.USAGE
                : ReleaseChange.onThisMachine()
                        .rollback(change.who(), change.waitSeconds(), restart::hubRestartGate, change.events());
    }
}
