package io.littlehub.agent.events;

import io.littlehub.common.events.EventSink;
import io.littlehub.common.events.HumanReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one command that is not a playbook (env changes, upgrade, rollback), in the agent's protocol (start, task, progress, result, recap; see
 * docs/ARCHITECTURE.md): people see them Ansible-style through HumanReport, the laptop reads JSON lines.
 */
public final class Steps {
    private final EventSink events;
    private final long started = System.currentTimeMillis();
    private int index;
    private int ok;
    private int changed;
    private int failed;

    public Steps(EventSink events, String name, int planned) {
        this.events = events;
        emit("start", Map.of("playbook", name, "tasks", planned, "check", false));
    }

    public Step begin(String name) {
        index++;
        emit("task", Map.of("index", index, "name", name));
        return new Step(index, name, System.currentTimeMillis());
    }

    public void note(String message) {
        emit("note", Map.of("message", message));
    }

    /** Ends the command: the recap line. */
    public void recap() {
        emit("recap", Map.of("ok", ok, "changed", changed, "failed", failed, "ms", System.currentTimeMillis() - started));
    }

    public boolean anyFailed() {
        return failed > 0;
    }

    private void emit(String event, Map<String, Object> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", event);
        e.putAll(fields);
        events.emit(e);
    }

    public final class Step {
        private final int stepIndex;
        private final String name;
        private final long t0;

        private Step(int stepIndex, String name, long t0) {
            this.stepIndex = stepIndex;
            this.name = name;
            this.t0 = t0;
        }

        /** A line of a long program's output (pip's), shown while it runs. */
        public void progress(String line) {
            emit("progress", Map.of("index", stepIndex, "line", line));
        }

        public void ok() {
            ok++;
            result("ok", List.of(), null);
        }

        public void changed(List<String> actions) {
            changed++;
            result("changed", actions, null);
        }

        public void failed(String error) {
            failed++;
            result("failed", List.of(), error);
        }

        private void result(String status, List<String> actions, String error) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("index", stepIndex);
            r.put("name", name);
            r.put("kind", "task");
            r.put("status", status);
            r.put("ms", System.currentTimeMillis() - t0);
            if (!actions.isEmpty()) {
                r.put("actions", actions);
            }
            if (error != null) {
                r.put("error", error);
            }
            emit("result", r);
        }
    }
}
