package io.littlehub.agent.ops;

import io.littlehub.common.machine.Machine;
import java.util.List;

/**
 * A Python virtual environment that works. One whose interpreter no longer runs (the OS upgraded Python under it)
 * is rebuilt; the packages are then reinstalled by the pip task that follows.
 */
public record Venv(String path, String python) implements Operation<Venv.Facts> {
    public enum Facts {
        MISSING,
        BROKEN,
        WORKING
    }

    @Override
    public Facts gather(Machine machine) {
        if (machine.stat(path + "/bin/python").isEmpty()) {
            return machine.stat(path).isPresent() ? Facts.BROKEN : Facts.MISSING;
        }
        return machine.run(List.of(path + "/bin/python", "-c", "import sys, venv"))
                        .ok()
                ? Facts.WORKING
                : Facts.BROKEN;
    }

    @Override
    public List<Action> plan(Facts facts) {
        return switch (facts) {
            case WORKING -> List.of();
            case MISSING -> List.of(new Action.Run(List.of(python, "-m", "venv", path)));
            case BROKEN ->
                List.of(
                        new Action.Run(
                                "rebuild the broken venv " + path, List.of("rm", "-rf", "--one-file-system", path)),
                        new Action.Run(List.of(python, "-m", "venv", path)));
        };
    }
}
