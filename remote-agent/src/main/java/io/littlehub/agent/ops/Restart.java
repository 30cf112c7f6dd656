package io.littlehub.agent.ops;

import io.littlehub.common.machine.Machine;
import java.util.List;

/** Restarts a service: the usual handler, run only when a task that it depends on changed something. */
public record Restart(String name) implements Operation<Boolean> {
    @Override
    public Boolean gather(Machine machine) {
        return machine.run(List.of("systemctl", "show", "--property=NeedDaemonReload", name))
                .stdout()
                .contains("=yes");
    }

    @Override
    public List<Action> plan(Boolean needsReload) {
        Action restart = new Action.Run(List.of("systemctl", "restart", name));
        return needsReload ? List.of(new Action.Run(List.of("systemctl", "daemon-reload")), restart) : List.of(restart);
    }
}
