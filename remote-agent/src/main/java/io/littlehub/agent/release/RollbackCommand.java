package io.littlehub.agent.release;

import io.littlehub.agent.ChangeOptions;
import io.littlehub.common.machine.LocalMachine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code littlehub-agent rollback}: parses, then {@link ReleaseChange#rollback}. */
@Command(name = "rollback", description = "Return the hub to the littlehub release it ran before the last upgrade.")
public final class RollbackCommand implements Callable<Integer> {
    @Mixin ChangeOptions change;

    @Override
    public Integer call() throws Exception {
        LocalMachine machine = new LocalMachine();
        return new ReleaseChange(machine, Releases.onThisMachine(), HubStateBackup.onThisMachine(machine), System.out, System.err)
                .rollback(change.who(), change.waitSeconds(), change.events());
    }
}
