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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a playbook on a machine and reports one event per task. Handlers notified by a changed task are recorded on
 * disk before anything else happens, so a run that fails later still restarts them on the next run (Ansible forgets).
 *
 * <p>A {@code parallel} group runs each branch on a thread of its own; its tasks keep the indexes of their places in
 * the playbook, so only the order of the events changes. A failed task ends its branch; the other branches run to
 * their end (each task is idempotent: their work is kept for the next run), then the run stops as after any failure.
 * Events are emitted one at a time, and the counts, the pending handlers and their file change under one lock; the
 * {@link Machine} is called from the branches' threads at once (its contract: safe for concurrent use).
 */
public final class Runner {
    public static final String PENDING_HANDLERS = "/var/lib/littlehub/pending-handlers";

    private final Machine machine;
    private final EventSink events;
    private final boolean check;
    private final boolean diff;

    public Runner(Machine machine, EventSink events, boolean check, boolean diff) {
        this.machine = machine;
        // Branches emit from their own threads (progress even from two pumps per program): one event at a time.
        this.events = event -> {
            synchronized (this) {
                events.emit(event);
            }
        };
        this.check = check;
        this.diff = diff;
    }

    public Event.Recap run(Playbook playbook) {
        long start = System.nanoTime();
        Run run = new Run(playbook, loadPending());
        events.emit(new Event.Start(playbook.name(), playbook.allTasks().size(), check));
        boolean failed = false;
        for (Task task : playbook.tasks()) {
            // flush_handlers: what the tasks so far changed takes effect before the next ones run.
            boolean ok = switch (task.type()) {
                case Task.FLUSH_HANDLERS -> run.handlers();
                case Task.PARALLEL -> run.parallel(task);
                default -> run.task(++run.index, task);
            };
            if (!ok) {
                failed = true;
                break;
            }
        }
        if (failed && !run.pending.isEmpty()) {
            events.emit(new Event.Note("handlers kept for the next run: " + String.join(", ", run.pending)));
        }
        if (!failed) {
            run.handlers();
        }
        Event.Recap recap = new Event.Recap(
                run.counts[Event.Status.OK.ordinal()],
                run.counts[Event.Status.CHANGED.ordinal()],
                run.counts[Event.Status.FAILED.ordinal()],
                Duration.ofNanos(System.nanoTime() - start));
        events.emit(recap);
        return recap;
    }

    /** One run's state: the last index given out, the counts by status, the handlers owed. */
    private final class Run {
        private final Playbook playbook;
        private final Set<String> pending;
        private final int[] counts = new int[3];
        private int index;

        Run(Playbook playbook, Set<String> pending) {
            this.playbook = playbook;
            this.pending = pending;
        }

        /** Runs one task; false when it failed. A change notifies its handlers, saved before anything else runs. */
        boolean task(int taskIndex, Task task) {
            Event.Status status = runTask(taskIndex, task, Event.Kind.TASK);
            synchronized (this) {
                counts[status.ordinal()]++;
                if (status == Event.Status.CHANGED && !task.notifies().isEmpty()) {
                    pending.addAll(task.notifies());
                    savePending(pending);
                }
            }
            return status != Event.Status.FAILED;
        }

        /** Runs the group's branches at the same time and waits for all of them; false when a task failed. */
        boolean parallel(Task group) {
            List<Callable<Boolean>> branches = new ArrayList<>();
            for (Task.Branch branch : group.branches()) {
                int before = index;
                branches.add(() -> runBranch(branch, before));
                index += branch.tasks().size();
            }
            ExecutorService threads = Executors.newFixedThreadPool(branches.size());
            try {
                boolean ok = true;
                for (Future<Boolean> branch : threads.invokeAll(branches)) {
                    ok &= ended(branch);
                }
                return ok;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while '" + group.name() + "' ran", e);
            } finally {
                threads.shutdownNow();
            }
        }

        /** A branch's tasks in order, indexed from {@code before + 1}; its first failure ends it. */
        private boolean runBranch(Task.Branch branch, int before) {
            int taskIndex = before;
            for (Task task : branch.tasks()) {
                if (!task(++taskIndex, task)) {
                    return false;
                }
            }
            return true;
        }

        /** Runs the pending handlers in playbook order, each once; false when one failed (the rest stay pending). */
        boolean handlers() {
            for (Task handler : playbook.handlers()) {
                if (!pending.contains(handler.name())) {
                    continue;
                }
                Event.Status status = runTask(++index, handler, Event.Kind.HANDLER);
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
    }

    /** A branch's outcome once it ended; what escaped its tasks (the pending file not written) escapes here too. */
    private static boolean ended(Future<Boolean> branch) throws InterruptedException {
        try {
            return branch.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
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
            // A check run restarted nothing: a health check would wait on the old process (after a base_url change,
            // which the old hub never answers, up to the hub wait's 10 minutes).
            boolean notWaited = check && op.waitsForChanges();
            Object facts = notWaited ? null : op.gather(machine);
            List<Action> actions = notWaited ? List.of() : op.plan(facts);
            if (diff && !notWaited) {
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
