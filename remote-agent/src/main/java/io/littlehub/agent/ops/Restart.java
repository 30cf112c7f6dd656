package io.littlehub.agent.ops;

import io.littlehub.common.machine.Machine;
import java.util.ArrayList;
import java.util.List;

/**
 * Restarts a service: the usual handler, run only when a task that it depends on changed something. {@code before}
 * (optional) runs first, while the old process still serves: the new one's start-up work that can happen early (the
 * hub's imports and config, so the page cache and bytecode are warm); when it fails nothing is stopped.
 */
public record Restart(String name, List<String> before) implements Operation<Boolean> {
    @Override
    public Boolean gather(Machine machine) {
        return machine.run(List.of("systemctl", "show", "--property=NeedDaemonReload", name))
                .stdout()
                .contains("=yes");
    }

    @Override
    public List<Action> plan(Boolean needsReload) {
        List<Action> actions = new ArrayList<>();
        if (!before.isEmpty()) {
            actions.add(new Action.Run("before stopping " + name + ": " + String.join(" ", before), before));
        }
        if (needsReload) {
            actions.add(new Action.Run(List.of("systemctl", "daemon-reload")));
        }
        actions.add(new Action.Run(List.of("systemctl", "restart", name)));
        return actions;
    }
}
