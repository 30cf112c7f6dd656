package io.littlehub.agent.playbook;

import io.littlehub.agent.ops.Operation;
import java.util.List;

/**
 * One named step of a playbook: an operation, and the handlers to notify when it changes something. A
 * {@code flush_handlers} task has no operation: the handlers notified so far run there, not only at the end.
 */
public record Task(String name, String type, Operation<?> operation, List<String> notifies) {}
