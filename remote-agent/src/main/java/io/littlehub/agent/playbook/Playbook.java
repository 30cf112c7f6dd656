package io.littlehub.agent.playbook;

import java.util.List;
import java.util.stream.Stream;

/**
 * Tasks run in order (a {@code parallel} task's branches at the same time); handlers run at the end, once each, only
 * when a task that notifies them changed something.
 */
public record Playbook(String name, List<Task> tasks, List<Task> handlers) {
    /** Every task in playbook order, a parallel group's tasks (branch by branch) in place of the group. */
    public List<Task> allTasks() {
        return tasks.stream()
                .flatMap(t -> t.type().equals(Task.PARALLEL)
                        ? t.branches().stream().flatMap(b -> b.tasks().stream())
                        : Stream.of(t))
                .toList();
    }
}
