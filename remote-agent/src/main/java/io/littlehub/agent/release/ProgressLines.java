package io.littlehub.agent.release;

import io.littlehub.common.events.EventSink;
import io.littlehub.agent.events.Steps;
import java.util.Map;

/**
 * A playbook run inside one step of an upgrade: its results ("changed: Hub packages") and its programs' output become
 * the step's progress lines, so the upgrade reports one stream (its own start, steps and recap).
 */
final class ProgressLines implements EventSink {
    private final Steps.Step step;

    ProgressLines(Steps.Step step) {
        this.step = step;
    }

    @Override
    public void emit(Map<String, Object> event) {
        switch (String.valueOf(event.get("event"))) {
            case "result" -> step.progress(event.get("status") + ": " + event.get("name")
                    + (event.get("error") != null ? ": " + event.get("error") : ""));
            case "progress" -> step.progress(String.valueOf(event.get("line")));
            case "note" -> step.progress(String.valueOf(event.get("message")));
            default -> {
            }
        }
    }
}
