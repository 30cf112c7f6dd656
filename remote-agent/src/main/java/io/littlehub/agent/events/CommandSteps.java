package io.littlehub.agent.events;

import io.littlehub.common.events.Event;
import io.littlehub.common.events.EventSink;
import io.littlehub.common.events.HumanReport;
import java.time.Duration;
import java.util.List;

/**
 * The events of one agent command that is not a playbook (env changes, upgrade, rollback): its steps reported as a
 * playbook's tasks (start, task, progress, result, recap), so people see them Ansible-style through
 * {@link HumanReport} and the laptop reads the same JSON lines.
 */
public final class CommandSteps {
    private final EventSink events;
    private final long started = System.nanoTime();
    private int index;
    private int ok;
    private int changed;
    private int failed;

    public CommandSteps(EventSink events, String name, int planned) {
        this.events = events;
        events.emit(new Event.Start(name, planned, false));
    }

    public Step begin(String name) {
        index++;
        events.emit(new Event.TaskStarted(index, name, Event.Kind.TASK));
        return new Step(index, name, System.nanoTime());
    }

    public void note(String message) {
        events.emit(new Event.Note(message));
    }

    /** Ends the command: the recap line. */
    public void recap() {
        events.emit(new Event.Recap(ok, changed, failed, since(started)));
    }

    public boolean anyFailed() {
        return failed > 0;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** One step: its progress lines, then one result. */
    public final class Step {
        private final int stepIndex;
        private final String name;
        private final long startNanos;

        private Step(int stepIndex, String name, long startNanos) {
            this.stepIndex = stepIndex;
            this.name = name;
            this.startNanos = startNanos;
        }

        /** A line of a long program's output (pip's), shown while it runs. */
        public void progress(String line) {
            events.emit(new Event.Progress(stepIndex, line));
        }

        public void ok() {
            ok++;
            result(Event.Status.OK, List.of(), null);
        }

        public void changed(List<String> actions) {
            changed++;
            result(Event.Status.CHANGED, actions, null);
        }

        public void failed(String error) {
            failed++;
            result(Event.Status.FAILED, List.of(), error);
        }

        private void result(Event.Status status, List<String> actions, String error) {
            events.emit(new Event.TaskResult(
                    stepIndex, name, Event.Kind.TASK, status, since(startNanos), actions, null, error));
        }
    }
}
