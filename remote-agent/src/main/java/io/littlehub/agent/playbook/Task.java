package io.littlehub.agent.playbook;

import io.littlehub.agent.ops.Operation;
import java.util.List;

/**
 * One named step of a playbook: an operation, and the handlers to notify when it changes something. A
 * {@code flush_handlers} task has no operation: the handlers notified so far run there, not only at the end. A
 * {@code parallel} task has no operation either: its {@code branches} run at the same time, each its tasks in order,
 * and the playbook goes on when every branch has ended.
 */
public record Task(String name, String type, Operation<?> operation, List<String> notifies, List<Branch> branches) {
    public static final String FLUSH_HANDLERS = "flush_handlers";
    public static final String PARALLEL = "parallel";

    public Task(String name, String type, Operation<?> operation, List<String> notifies) {
        this(name, type, operation, notifies, List.of());
    }

    /** A group of branches run at the same time. */
    public static Task parallel(String name, List<Branch> branches) {
        return new Task(name, PARALLEL, null, List.of(), List.copyOf(branches));
    }

    /** One branch of a {@code parallel} group: plain tasks, run in order. */
    public record Branch(String name, List<Task> tasks) {}
}
