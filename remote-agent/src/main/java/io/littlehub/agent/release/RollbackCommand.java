package io.littlehub.agent.release;

import io.littlehub.agent.ChangeOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code littlehub-agent rollback}: parses, then {@link ReleaseChange#rollback}. */
@Command(name = "rollback", description = "Return the hub to the littlehub release it ran before the last upgrade.")
public final class RollbackCommand implements Callable<Integer> {
    @Mixin
    ChangeOptions change;

    @Override
    public Integer call() throws Exception {
        return ReleaseChange.onThisMachine().rollback(change.who(), change.waitSeconds(), change.events());
    }
}
