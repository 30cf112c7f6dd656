package io.littlehub.cli.provision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Watches what a command prints for its steps (the lines {@code isStep} accepts: one per task the VM's agent begins)
 * and drops every connection through the relay the moment the {@code cutAt}-th appears, on the laptop's own reading
 * thread, so the command cannot read anything the VM sent after that step. A calibration run ({@code cutAt} 0) only
 * records when each step came, so a later run can be cut at a step that is well before the command's end.
 */
final class StepCut implements Consumer<String> {
    private final CutConnection relay;
    private final Predicate<String> isStep;
    private final int cutAt;
    private final long start = System.nanoTime();
    private final List<String> steps = new ArrayList<>();
    private final List<Long> stepNanos = new ArrayList<>();
    private final CountDownLatch cut = new CountDownLatch(1);
    private int dropped = -1;

    StepCut(CutConnection relay, Predicate<String> isStep, int cutAt) {
        this.relay = relay;
        this.isStep = isStep;
        this.cutAt = cutAt;
    }

    @Override
    public synchronized void accept(String line) {
        if (!isStep.test(line)) {
            return;
        }
        steps.add(line);
        stepNanos.add(System.nanoTime() - start);
        if (steps.size() == cutAt) {
            dropped = relay.cut();
            cut.countDown();
        }
    }

    /** Waits until the cut was made (true) or the command ended without reaching its step (false). */
    boolean awaitCut(Future<?> command, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cut.await(200, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (command.isDone()) {
                return cut.getCount() == 0;
            }
        }
        return false;
    }

    /** How many connections the cut dropped (-1: no cut). */
    synchronized int dropped() {
        return dropped;
    }

    synchronized int steps() {
        return steps.size();
    }

    /** The {@code k}-th step's line (1-based). */
    synchronized String step(int k) {
        return steps.get(k - 1);
    }

    /**
     * The steps (1-based) that came at least {@code margin} before {@code endNanos} (the command's end, measured from
     * this watcher's creation): a cut there lands while the VM still has work to do and to report.
     */
    synchronized List<Integer> wellBeforeTheEnd(long endNanos, Duration margin) {
        List<Integer> early = new ArrayList<>();
        for (int i = 0; i < stepNanos.size(); i++) {
            if (endNanos - stepNanos.get(i) >= margin.toNanos()) {
                early.add(i + 1);
            }
        }
        return early;
    }

    /** Nanoseconds since this watcher was made (the command starts right after). */
    long elapsedNanos() {
        return System.nanoTime() - start;
    }
}
