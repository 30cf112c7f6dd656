package io.littlehub.agent.ops;

import io.littlehub.agent.machine.Machine;
import java.util.List;

/** A unix group that must exist. */
public record Group(String name, boolean system) implements Operation<Boolean> {
    @Override
    public Boolean gather(Machine machine) {
        return machine.run(List.of("getent", "group", name)).ok();
    }

    @Override
    public List<Action> plan(Boolean exists) {
        if (exists) {
            return List.of();
        }
        return List.of(new Action.Run(system ? List.of("groupadd", "--system", name) : List.of("groupadd", name)));
    }
}
