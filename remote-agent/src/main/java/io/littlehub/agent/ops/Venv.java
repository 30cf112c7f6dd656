package io.littlehub.agent.ops;

import io.littlehub.common.machine.Machine;
import java.util.ArrayList;
import java.util.List;

/**
 * A Python virtual environment that works. One whose interpreter no longer runs (the OS upgraded Python under it)
 * is rebuilt; the packages are then reinstalled by the pip task that follows.
 *
 * <p>With {@code uv} (uv's program, and its {@code cache}) uv makes it: in well under a second, where {@code python3 -m
 * venv} runs ensurepip for seconds. {@code --seed} still puts pip in, for people's own {@code pip install}; uv
 * leaves what it seeds (pip, setuptools and its {@code .pth} hook, run at every interpreter start) without bytecode,
 * which nobody but root could write into this venv later, so it is compiled at once.
 */
public record Venv(String path, String python, String uv, String cache) implements Operation<Venv.Facts> {
    public Venv(String path, String python) {
        this(path, python, null, null);
    }

    public Venv {
        if ((uv == null) != (cache == null)) {
            throw new IllegalArgumentException("uv and its cache go together");
        }
    }

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
            case MISSING -> created();
            case BROKEN -> {
                List<Action> rebuild = new ArrayList<>();
                rebuild.add(new Action.Run(
                        "rebuild the broken venv " + path, List.of("rm", "-rf", "--one-file-system", path)));
                rebuild.addAll(created());
                yield rebuild;
            }
        };
    }

    private List<Action> created() {
        if (uv == null) {
            return List.of(create());
        }
        return List.of(
                create(),
                new Action.Run(
                        "compile the seeded packages of " + path,
                        List.of(path + "/bin/python", "-m", "compileall", "-q", path + "/lib")));
    }

    private Action create() {
        return new Action.Run(
                uv == null
                        ? List.of(python, "-m", "venv", path)
                        : List.of(
                                uv,
                                "venv",
                                "--python",
                                python,
                                "--seed",
                                "--cache-dir",
                                cache,
                                "--link-mode",
                                "copy",
                                "--native-tls",
                                "--no-progress",
                                path));
    }
}
