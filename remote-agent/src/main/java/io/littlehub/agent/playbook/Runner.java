package io.littlehub.agent.playbook;

import io.littlehub.agent.ops.Action;
import io.littlehub.agent.ops.Operation;
import io.littlehub.common.events.Event;
import io.littlehub.common.events.EventSink;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a playbook on a machine and reports one event per task. Handlers notified by a changed task are recorded on
 * disk before anything else happens, so a run that fails later still restarts them on the next run (Ansible forgets).
 */
public final class Runner {
    public static final String PENDING_HANDLERS = "/var/lib/littlehub/pending-handlers";

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

    public Event.Recap run(Playbook playbook) {
        long start = System.nanoTime();
        int[] counts = new int[3];
        Set<String> pending = loadPending();
        events.emit(new Event.Start(playbook.name(), playbook.tasks().size(), check));
        boolean failed = false;
        int[] index = {0};
        for (Task task : playbook.tasks()) {
            if (task.operation() == null) {
                // flush_handlers: what the tasks so far changed takes effect before the next ones run.
                failed = !runHandlers(playbook, pending, index, counts);
            } else {
                Event.Status status = runTask(++index[0], task, Event.Kind.TASK);
                counts[status.ordinal()]++;
                if (status == Event.Status.CHANGED && !task.notifies().isEmpty()) {
                    pending.addAll(task.notifies());
                    savePending(pending);
                }
                failed = status == Event.Status.FAILED;
            }
            if (failed) {
                break;
            }
        }
        if (failed && !pending.isEmpty()) {
            events.emit(new Event.Note("handlers kept for the next run: " + String.join(", ", pending)));
        }
        if (!failed) {
            runHandlers(playbook, pending, index, counts);
        }
        Event.Recap recap = new Event.Recap(
                counts[Event.Status.OK.ordinal()],
                counts[Event.Status.CHANGED.ordinal()],
                counts[Event.Status.FAILED.ordinal()],
                Duration.ofNanos(System.nanoTime() - start));
        events.emit(recap);
        return recap;
    }

    /** Runs the pending handlers in playbook order, each once; false when one failed (the rest stay pending). */
    private boolean runHandlers(Playbook playbook, Set<String> pending, int[] index, int[] counts) {
        for (Task handler : playbook.handlers()) {
            if (!pending.contains(handler.name())) {
                continue;
            }
            Event.Status status = runTask(++index[0], handler, Event.Kind.HANDLER);
            counts[status.ordinal()]++;
            if (status == Event.Status.FAILED) {
                return false;
            }
            pending.remove(handler.name());
            if (status == Event.Status.CHANGED) {
                // A handler may notify a later one (restart hub -> hub answers); handlers run in playbook order.
                pending.addAll(handler.notifies());
            }
            savePending(pending);
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private Event.Status runTask(int index, Task task, Event.Kind kind) {
        long t0 = System.nanoTime();
        events.emit(new Event.TaskStarted(index, task.name(), kind));
        Event.Status status;
        List<String> described = List.of();
        String shownDiff = null;
        String error = null;
        try {
            Operation<Object> op = (Operation<Object>) task.operation();
            Object facts = op.gather(machine);
            List<Action> actions = op.plan(facts);
            if (diff) {
                String d = op.diff(facts);
                shownDiff = d.isEmpty() ? null : d;
            }
            described = actions.stream().map(Action::describe).toList();
            Action.Fail fail = actions.stream()
                    .filter(a -> a instanceof Action.Fail)
                    .map(a -> (Action.Fail) a)
                    .findFirst()
                    .orElse(null);
            if (fail != null) {
                status = Event.Status.FAILED;
                error = fail.describe();
            } else if (actions.isEmpty()) {
                status = Event.Status.OK;
            } else {
                if (!check) {
                    for (Action a : actions) {
                        apply(index, a);
                    }
                }
                status = Event.Status.CHANGED;
            }
        } catch (RuntimeException e) {
            status = Event.Status.FAILED;
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        events.emit(new Event.TaskResult(
                index,
                task.name(),
                kind,
                status,
                Duration.ofNanos(System.nanoTime() - t0),
                described,
                shownDiff,
                error));
        return status;
    }

    private void apply(int index, Action action) {
        // Java 17: no pattern switch yet, so a plain instanceof chain over the sealed Action types.
        if (action instanceof Action.Run r) {
            CommandResult res = machine.run(r.argv(), line -> events.emit(new Event.Progress(index, line)));
            if (!res.ok()) {
                throw new IllegalStateException(
                        "`" + String.join(" ", r.argv()) + "` failed (exit " + res.exitCode() + "):\n" + tail(res));
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
        machine.write(
                PENDING_HANDLERS,
                (String.join("\n", pending) + "\n").getBytes(StandardCharsets.UTF_8),
                "root",
                "root",
                0644);
    }
}
