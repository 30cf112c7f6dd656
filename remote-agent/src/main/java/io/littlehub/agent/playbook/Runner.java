package io.littlehub.agent.playbook;

import io.littlehub.common.events.EventSink;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import io.littlehub.agent.ops.Action;
import io.littlehub.agent.ops.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a playbook on a machine and reports one event per task. Handlers notified by a changed task are recorded on
 * disk before anything else happens, so a run that fails later still restarts them on the next run (Ansible forgets).
 */
public final class Runner {
    public static final String PENDING_HANDLERS = "/var/lib/littlehub/pending-handlers";

    public record Recap(int ok, int changed, int failed) {
        public boolean success() {
            return failed == 0;
        }
    }

    private final Machine machine;
    private final EventSink events;
    private final boolean check;
    private final boolean diff;

    public Runner(Machine machine, EventSink events, boolean check, boolean diff) {
        this.machine = machine;
        this.events = events;
        this.check = check;
        this.diff = diff;
    }

    public Recap run(Playbook playbook) {
        long start = System.nanoTime();
        int[] counts = new int[3];
        Set<String> pending = loadPending();
        emit("start", Map.of("playbook", playbook.name(), "tasks", playbook.tasks().size(), "check", check));
        boolean failed = false;
        int[] index = {0};
        for (Task task : playbook.tasks()) {
            if (task.operation() == null) {
                // flush_handlers: what the tasks so far changed takes effect before the next ones run.
                failed = !runHandlers(playbook, pending, index, counts);
            } else {
                String status = runTask(++index[0], task, "task");
                count(counts, status);
                if (status.equals("changed") && !task.notifies().isEmpty()) {
                    pending.addAll(task.notifies());
                    savePending(pending);
                }
                failed = status.equals("failed");
            }
            if (failed) {
                break;
            }
        }
        if (failed && !pending.isEmpty()) {
            emit("note", Map.of("message", "handlers kept for the next run: " + String.join(", ", pending)));
        }
        if (!failed) {
            runHandlers(playbook, pending, index, counts);
        }
        Recap recap = new Recap(counts[0], counts[1], counts[2]);
        emit("recap", Map.of("ok", recap.ok(), "changed", recap.changed(), "failed", recap.failed(),
                "ms", (System.nanoTime() - start) / 1_000_000));
        return recap;
    }

    /** Runs the pending handlers in playbook order, each once; false when one failed (the rest stay pending). */
    private boolean runHandlers(Playbook playbook, Set<String> pending, int[] index, int[] counts) {
        for (Task handler : playbook.handlers()) {
            if (!pending.contains(handler.name())) {
                continue;
            }
            String status = runTask(++index[0], handler, "handler");
            count(counts, status);
            if (status.equals("failed")) {
                return false;
            }
            pending.remove(handler.name());
            if (status.equals("changed")) {
                // A handler may notify a later one (restart hub -> hub answers); handlers run in playbook order.
                pending.addAll(handler.notifies());
            }
            savePending(pending);
        }
        return true;
    }

    private static void count(int[] counts, String status) {
        counts[switch (status) {
            case "ok" -> 0;
            case "changed" -> 1;
            default -> 2;
        }]++;
    }

    @SuppressWarnings("unchecked")
    private String runTask(int index, Task task, String kind) {
        long t0 = System.nanoTime();
        emit(kind, Map.of("index", index, "name", task.name()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("index", index);
        result.put("name", task.name());
        result.put("kind", kind);
        String status;
        try {
            Operation<Object> op = (Operation<Object>) task.operation();
            Object facts = op.gather(machine);
            List<Action> actions = op.plan(facts);
            if (diff) {
                String d = op.diff(facts);
                if (!d.isEmpty()) {
                    result.put("diff", d);
                }
            }
            result.put("actions", actions.stream().map(Action::describe).toList());
            Action.Fail fail = actions.stream().filter(a -> a instanceof Action.Fail).map(a -> (Action.Fail) a).findFirst().orElse(null);
            if (fail != null) {
                status = "failed";
                result.put("error", fail.describe());
            } else if (actions.isEmpty()) {
                status = "ok";
            } else {
                if (!check) {
                    for (Action a : actions) {
                        apply(index, a);
                    }
                }
                status = "changed";
            }
        } catch (RuntimeException e) {
            status = "failed";
            result.put("error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        result.put("status", status);
        result.put("ms", (System.nanoTime() - t0) / 1_000_000);
        emit("result", result);
        return status;
    }

    private void apply(int index, Action action) {
        // Java 17: no pattern switch yet, so a plain instanceof chain over the sealed Action types.
        if (action instanceof Action.Run r) {
            CommandResult res = machine.run(r.argv(), line -> emit("progress", Map.of("index", index, "line", line)));
            if (!res.ok()) {
                throw new IllegalStateException("`" + String.join(" ", r.argv()) + "` failed (exit " + res.exitCode() + "):\n" + tail(res));
            }
        } else if (action instanceof Action.WriteFile w) {
            machine.write(w.path(), w.content().getBytes(StandardCharsets.UTF_8), w.owner(), w.group(), w.mode());
        } else if (action instanceof Action.MakeDirectory d) {
            machine.makeDirectory(d.path(), d.owner(), d.group(), d.mode());
        } else if (action instanceof Action.SetAttributes a) {
            machine.setAttributes(a.path(), a.owner(), a.group(), a.mode());
        } else if (action instanceof Action.Fail f) {
            throw new IllegalStateException(f.describe());
        }
    }

    private static String tail(CommandResult r) {
        List<String> lines = new ArrayList<>(List.of((r.stdout() + r.stderr()).split("\n")));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private Set<String> loadPending() {
        Set<String> s = new LinkedHashSet<>();
        machine.read(PENDING_HANDLERS).ifPresent(b -> {
            for (String line : new String(b, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    s.add(line.strip());
                }
            }
        });
        return s;
    }

    private void savePending(Set<String> pending) {
        if (check) {
            return;
        }
        machine.makeDirectory("/var/lib/littlehub", "root", "root", 0755);
        machine.write(PENDING_HANDLERS, (String.join("\n", pending) + "\n").getBytes(StandardCharsets.UTF_8), "root", "root", 0644);
    }

    private void emit(String event, Map<String, Object> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", event);
        e.putAll(fields);
        events.emit(e);
    }
}
