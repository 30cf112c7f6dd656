package io.littlehub.cli.provision;

import io.littlehub.common.events.Event;
import io.littlehub.common.events.EventSink;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The laptop's own steps around the agent's run (facts, Java, pushing the agent, the admin's password), reported as
 * the agent reports its tasks ({@link Event.Kind#LAPTOP}), and counted into the agent's recap so the teacher sees one
 * run: its recap's time is the whole run's, from this object's creation.
 */
final class LaptopSteps {
    private final EventSink sink;
    private final LongSupplier nanos;
    private final long started;
    private int ok;
    private int changed;
    private int index;
    private boolean recapped;
    private boolean holding;
    private Event.Recap heldRecap;
    private int failedSteps;

    LaptopSteps(EventSink sink) {
        this(sink, System::nanoTime);
    }

    /** {@code nanos}: the clock the steps are timed by (tests script it). */
    LaptopSteps(EventSink sink, LongSupplier nanos) {
        this.sink = sink;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
    }

    /** When a step begins: pass it to {@link #result} or {@link #failed}. */
    long now() {
        return nanos.getAsLong();
    }

    void result(String name, boolean didChange, long startNanos, List<String> actions) {
        sink.emit(new Event.TaskResult(
                ++index,
                name,
                Event.Kind.LAPTOP,
                didChange ? Event.Status.CHANGED : Event.Status.OK,
                since(startNanos),
                actions,
                null,
                null));
        if (didChange) {
            changed++;
        } else {
            ok++;
        }
    }

    /** A step failed: the run ends here, with a recap (the agent's, if it held one, with this failure counted). */
    void failed(String name, long startNanos, String error) {
        sink.emit(new Event.TaskResult(
                ++index, name, Event.Kind.LAPTOP, Event.Status.FAILED, since(startNanos), List.of(), null, error));
        failedSteps++;
        if (holding && heldRecap != null) {
            releaseRecap();
            return;
        }
        sink.emit(new Event.Recap(ok, changed, failedSteps, since(started)));
    }

    /** True once the agent's recap went by: its run ended, even when a task failed. */
    boolean recapped() {
        return recapped;
    }

    void progress(String line) {
        sink.emit(new Event.Progress(index + 1, line));
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
    void forward(Event event) {
        if (event instanceof Event.Recap recap) {
            recapped = true;
            if (holding) {
                heldRecap = recap;
            } else {
                emitRecap(recap);
            }
            return;
        }
        sink.emit(event);
    }

    private void emitRecap(Event.Recap agent) {
        sink.emit(new Event.Recap(
                agent.ok() + ok, agent.changed() + changed, agent.failed() + failedSteps, since(started)));
    }

    private Duration since(long startNanos) {
        return Duration.ofNanos(nanos.getAsLong() - startNanos);
    }
}
