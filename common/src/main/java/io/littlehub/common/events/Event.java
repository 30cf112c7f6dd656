package io.littlehub.common.events;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The agent's protocol: what a run reports, one event at a time (docs/ARCHITECTURE.md, "The agent's protocol"). The
 * runner, a command's steps and the laptop's own steps make these records; {@link EventJson} is the one JSON form
 * both sides write and read; {@link HumanReport} prints them for people.
 */
public sealed interface Event {
    /** What ran: a playbook's task, one of its handlers, or a step the laptop took itself (facts, Java, the agent). */
    enum Kind {
        TASK,
        HANDLER,
        LAPTOP;

        /** The name on the wire: {@code task}, {@code handler}, {@code laptop}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a task ended: nothing to do, changed (or would change, in check mode), or failed. */
    enum Status {
        OK,
        CHANGED,
        FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A run begins: {@code playbook} (or the command's name) with {@code tasks} planned; {@code check}: nothing
     * changes.
     */
    record Start(String playbook, int tasks, boolean check) implements Event {
        public Start {
            Objects.requireNonNull(playbook, "playbook");
        }
    }

    /** Task {@code index} (a task or a handler; the laptop's steps only report their result) begins. */
    record TaskStarted(int index, String name, Kind kind) implements Event {
        public TaskStarted {
            Objects.requireNonNull(name, "name");
            if (kind == Kind.LAPTOP) {
                throw new IllegalArgumentException("a laptop step reports only its result");
            }
        }
    }

    /** A line of a long program's output (pip's, apt's) while task {@code index} runs. */
    record Progress(int index, String line) implements Event {
        public Progress {
            Objects.requireNonNull(line, "line");
        }
    }

    /**
     * How task {@code index} ended and how long it took: the actions it took (or would take), the before/after
     * {@code diff} when asked for (null: none), and the {@code error} when it failed (null otherwise).
     */
    record TaskResult(
            int index,
            String name,
            Kind kind,
            Status status,
            Duration duration,
            List<String> actions,
            String diff,
            String error)
            implements Event {
        public TaskResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(duration, "duration");
            actions = List.copyOf(actions);
        }
    }

    /** Something the person running it should know that is not a task (handlers kept for the next run). */
    record Note(String message) implements Event {
        public Note {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The run's end: how many tasks were ok, changed and failed, and how long the whole run took. */
    record Recap(int ok, int changed, int failed, Duration duration) implements Event {
        public Recap {
            Objects.requireNonNull(duration, "duration");
        }

        public boolean success() {
            return failed == 0;
        }
    }
}
