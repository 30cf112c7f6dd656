package io.littlehub.agent.playbook;

import java.util.List;

/** Tasks run in order; handlers run at the end, once each, only when a task that notifies them changed something. */
public record Playbook(String name, List<Task> tasks, List<Task> handlers) {}
