package io.littlehub.agent.userenv;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the users' environment can run users' servers: the modules the hub needs import ({@code importProblems}
 * empty) and what {@code pip check} reports. A fresh environment of the pins passes {@code pip check} (Python 3.11,
 * pip 23, 2026-12), but an environment may already carry problems from before (an admin's install in a terminal),
 * so a change is judged against the state before it: it must not add {@code pip check} problems.
 */
public record Health(List<String> importProblems, Set<String> checkProblems) {
    /** The modules a user's server needs: JupyterLab, Notebook, the kernel, and JupyterHub's single-user server. */
    public static final List<String> MODULES = List.of("jupyterlab", "notebook", "ipykernel", "jupyterhub.singleuser");
    /** How the record keeps the accepted {@code pip check} problems: comment lines, which {@code pip install -r} skips. */
    static final String RECORD_PREFIX = "# pip check: ";

    private static final String OK_LINE = "No broken requirements found.";

    /** The problems {@code pip check} printed (stdout), given its exit code and stderr. */
    public static Set<String> checkProblems(int exitCode, String stdout, String stderr) {
        Set<String> out = new LinkedHashSet<>();
        if (exitCode == 0) {
            return out;
        }
        stdout.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.equals(OK_LINE))
                .forEach(out::add);
        if (out.isEmpty()) {
            List<String> err = stderr.lines().filter(l -> !l.isBlank()).toList();
            out.add("pip check did not run: "
                    + (err.isEmpty()
                            ? "exit " + exitCode
                            : err.get(err.size() - 1).strip()));
        }
        return out;
    }

    /** The problems {@code pip check} reported that {@code baseline} did not have. */
    public List<String> newProblemsSince(Set<String> baseline) {
        return checkProblems.stream().filter(p -> !baseline.contains(p)).toList();
    }

    /** Healthy compared with the state before a change: everything imports and {@code pip check} has nothing new. */
    public boolean accepts(Set<String> baseline) {
        return importProblems.isEmpty() && newProblemsSince(baseline).isEmpty();
    }

    public boolean imports() {
        return importProblems.isEmpty();
    }

    /** What is wrong, compared with {@code baseline}, in one line for people. */
    public String describe(Set<String> baseline) {
        List<String> parts = new ArrayList<>();
        importProblems.forEach(p -> parts.add("import " + p));
        newProblemsSince(baseline).forEach(p -> parts.add("pip check: " + p));
        return parts.isEmpty() ? "healthy" : String.join("; ", parts);
    }

    /** The freeze as recorded: the requirement lines, then the accepted {@code pip check} problems as comments. */
    public static String recordText(Freeze freeze, Set<String> checkProblems) {
        StringBuilder s = new StringBuilder(freeze.text());
        checkProblems.forEach(p -> s.append(RECORD_PREFIX).append(p).append('\n'));
        return s.toString();
    }

    /** The {@code pip check} problems a record accepted (none for the pins). */
    public static Set<String> recordedProblems(String recordText) {
        Set<String> out = new LinkedHashSet<>();
        recordText
                .lines()
                .filter(l -> l.startsWith(RECORD_PREFIX))
                .forEach(l -> out.add(l.substring(RECORD_PREFIX.length())));
        return out;
    }
}
