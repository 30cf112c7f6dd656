package io.littlehub.agent.userenv;

import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The users' environment (a venv) as pip sees it: every program is an argument list run through the {@link Machine},
 * its output streamed to {@code progress}. The path is {@code Layout.USER_VENV} on a hub; tests pass another.
 */
public final class UserEnv {
    /** Imports each module named in argv; prints "module: Error: message" for each one that fails. */
    static final String IMPORT_CHECK = String.join(
            "\n",
            "import importlib, sys",
            "for m in sys.argv[1:]:",
            "    try:",
            "        importlib.import_module(m)",
            "    except BaseException as e:",
            "        print(m + ': ' + type(e).__name__ + ': ' + str(e).splitlines()[0] if str(e) else m + ': ' + type(e).__name__)");

    private static final List<String> PIP_QUIET = List.of("--disable-pip-version-check", "--no-input");

    private final Machine machine;
    private final String venv;
    private final String systemPython;

    /** {@code systemPython}: the interpreter that (re)creates the venv ({@code /usr/bin/python3} on a hub). */
    public UserEnv(Machine machine, String venv, String systemPython) {
        this.machine = machine;
        this.venv = venv;
        this.systemPython = systemPython;
    }

    public String path() {
        return venv;
    }

    private List<String> pip(String... args) {
        List<String> argv = new ArrayList<>(List.of(venv + "/bin/python", "-m", "pip"));
        argv.addAll(List.of(args));
        argv.addAll(PIP_QUIET);
        return argv;
    }

    /** {@code pip freeze --all}, or empty when the environment does not run (its output then says why). */
    public Optional<Freeze> freeze() {
        CommandResult r = machine.run(pip("freeze", "--all"));
        return r.ok() ? Optional.of(Freeze.parse(r.stdout())) : Optional.empty();
    }

    public CommandResult freezeText() {
        return machine.run(pip("freeze", "--all"));
    }

    public CommandResult list(boolean json) {
        return machine.run(json ? pip("list", "--format=json") : pip("list"));
    }

    public Health health() {
        List<String> argv = new ArrayList<>(List.of(venv + "/bin/python", "-c", IMPORT_CHECK));
        argv.addAll(Health.MODULES);
        CommandResult imports = machine.run(argv);
        List<String> importProblems = new ArrayList<>(
                imports.stdout().lines().filter(l -> !l.isBlank()).toList());
        if (!imports.ok() && importProblems.isEmpty()) {
            List<String> err =
                    imports.stderr().lines().filter(l -> !l.isBlank()).toList();
            importProblems.add("python: "
                    + (err.isEmpty()
                            ? "exit " + imports.exitCode()
                            : err.get(err.size() - 1).strip()));
        }
        CommandResult check = machine.run(pip("check"));
        return new Health(importProblems, Health.checkProblems(check.exitCode(), check.stdout(), check.stderr()));
    }

    public CommandResult install(List<Requirement> requirements, Consumer<String> progress) {
        List<String> argv = pip("install", "--progress-bar", "off", "--root-user-action=ignore");
        requirements.forEach(r -> argv.add(r.text()));
        return machine.run(argv, progress);
    }

    /** {@code pip install -r} of a requirements text (a freeze from the record, or the pins), given on pip's stdin. */
    public CommandResult installAll(String requirementsText, Consumer<String> progress) {
        return machine.run(
                pip("install", "--progress-bar", "off", "--root-user-action=ignore", "-r", "/dev/stdin"),
                requirementsText.getBytes(StandardCharsets.UTF_8),
                progress);
    }

    public CommandResult uninstall(List<String> names, Consumer<String> progress) {
        List<String> argv = pip("uninstall", "-y", "--root-user-action=ignore");
        argv.addAll(names);
        return machine.run(argv, progress);
    }

    /** {@code python3 -m venv --clear}: empties the venv in place (venvs are not relocatable; the directory itself stays). */
    public CommandResult recreate(Consumer<String> progress) {
        return machine.run(List.of(systemPython, "-m", "venv", "--clear", venv), progress);
    }
}
