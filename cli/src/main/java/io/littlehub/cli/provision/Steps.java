package io.littlehub.cli.provision;

import io.littlehub.common.events.EventSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The laptop's own steps before the agent runs (facts, Java, pushing the agent), reported as the agent reports its
 * tasks, and counted into the agent's recap so the teacher sees one run.
 */
final class Steps {
    private final EventSink sink;
    private int ok;
    private int changed;
    private int index;
    private boolean recapped;
    private boolean holding;
    private Map<String, Object> heldRecap;
    private int failedSteps;

    Steps(EventSink sink) {
        this.sink = sink;
    }

    void result(String name, boolean didChange, long startNanos, List<String> actions) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", "result");
        e.put("index", ++index);
        e.put("name", name);
        e.put("kind", "laptop");
        e.put("status", didChange ? "changed" : "ok");
        e.put("actions", actions);
        e.put("ms", (System.nanoTime() - startNanos) / 1_000_000);
        sink.emit(e);
        if (didChange) {
            changed++;
        } else {
            ok++;
        }
    }

    void failed(String name, long startNanos, String error) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", "result");
        e.put("index", ++index);
        e.put("name", name);
        e.put("kind", "laptop");
        e.put("status", "failed");
        e.put("error", error);
        e.put("ms", (System.nanoTime() - startNanos) / 1_000_000);
        sink.emit(e);
        if (holding && heldRecap != null) {
            // After the agent's run: its recap, with this failure counted, closes the run.
            failedSteps++;
            releaseRecap();
            return;
        }
        Map<String, Object> recap = new LinkedHashMap<>();
        recap.put("event", "recap");
        recap.put("ok", ok);
        recap.put("changed", changed);
        recap.put("failed", 1);
        recap.put("ms", 0L);
        sink.emit(recap);
    }

    /** True once the agent's recap went by: its run ended, even when a task failed. */
    boolean recapped() {
        return recapped;
    }

    void progress(String line) {
        sink.emit(Map.of("event", "progress", "index", index + 1, "line", line));
    }

    /** The agent's recap waits for {@link #releaseRecap}: the laptop has steps after the agent's run. */
    void holdRecap() {
        holding = true;
    }

    /** Emits a held recap (if the agent sent one), with every laptop step so far counted in. */
    void releaseRecap() {
        holding = false;
        if (heldRecap != null) {
            emitRecap(heldRecap);
            heldRecap = null;
        }
    }

    /** Passes an agent event on; its recap gets the laptop's steps added. */
    void forward(Map<String, Object> event) {
        if ("recap".equals(event.get("event"))) {
            recapped = true;
            if (holding) {
                heldRecap = event;
            } else {
                emitRecap(event);
            }
            return;
        }
        sink.emit(event);
    }

    private void emitRecap(Map<String, Object> agentRecap) {
        Map<String, Object> recap = new LinkedHashMap<>(agentRecap);
        recap.put("ok", ((Number) agentRecap.get("ok")).intValue() + ok);
        recap.put("changed", ((Number) agentRecap.get("changed")).intValue() + changed);
        if (failedSteps > 0) {
            recap.put("failed", ((Number) agentRecap.get("failed")).intValue() + failedSteps);
        }
        sink.emit(recap);
    }
}
