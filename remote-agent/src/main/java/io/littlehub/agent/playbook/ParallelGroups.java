package io.littlehub.agent.playbook;

import io.littlehub.agent.ops.AptPackages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a {@code parallel} group: two or more branches, each {@code {name: …, tasks: […]}} of plain tasks, and refuses
 * what must not run at the same time: no {@code flush_handlers} or group inside a branch (handlers run between tasks,
 * never beside them), and Debian packages in one branch only (dpkg's lock lets one install run at a time).
 */
final class ParallelGroups {
    private ParallelGroups() {}

    static Task read(String playbook, String name, Object value, Function<Object, Task> readTask) {
        String where = "parallel group '" + name + "' in " + playbook;
        if (!(value instanceof List<?> items) || items.size() < 2) {
            throw new PlaybookError(
                    where + ": 'parallel' takes a list of two or more branches, each {name: …, tasks: [task, …]}");
        }
        List<Task.Branch> branches = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> branch)
                    || branch.size() != 2
                    || branch.get("name") == null
                    || !(branch.get("tasks") instanceof List<?> tasks)
                    || tasks.isEmpty()) {
                throw new PlaybookError(
                        where + ": a branch is {name: …, tasks: [task, …]} with at least one task, found " + item);
            }
            List<Task> read = new ArrayList<>();
            for (Object t : tasks) {
                Task task = readTask.apply(t);
                if (task.operation() == null) {
                    throw new PlaybookError("task '" + task.name() + "' in " + where + ": a branch holds plain tasks; "
                            + task.type() + " belongs before or after the group");
                }
                read.add(task);
            }
            branches.add(new Task.Branch(branch.get("name").toString(), read));
        }
        List<Task> installs = branches.stream()
                .map(b -> b.tasks().stream()
                        .filter(t -> t.operation() instanceof AptPackages)
                        .findFirst())
                .flatMap(Optional::stream)
                .toList();
        if (installs.size() > 1) {
            throw new PlaybookError(where + ": '" + installs.get(0).name() + "' and '"
                    + installs.get(1).name()
                    + "' install Debian packages in different branches, but dpkg installs one at a time:"
                    + " put them in one branch");
        }
        return Task.parallel(name, branches);
    }
}
