package io.littlehub.agent.release;

import io.littlehub.agent.events.CommandSteps;
import io.littlehub.common.events.Event;
import io.littlehub.common.events.EventSink;

/**
 * A playbook run inside one step of an upgrade: its results ("changed: Hub packages") and its programs' output become
 * the step's progress lines, so the upgrade reports one stream (its own start, steps and recap).
 */
final class ProgressLines implements EventSink {
    private final CommandSteps.Step step;

    ProgressLines(CommandSteps.Step step) {
        this.step = step;
    }

    @Override
    public void emit(Event event) {
        if (event instanceof Event.TaskResult r) {
            step.progress(r.status().wire() + ": " + r.name() + (r.error() != null ? ": " + r.error() : ""));
        } else if (event instanceof Event.Progress p) {
            step.progress(p.line());
        } else if (event instanceof Event.Note n) {
            step.progress(n.message());
        }
    }
}
