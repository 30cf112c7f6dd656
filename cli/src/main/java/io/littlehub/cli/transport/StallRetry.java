package io.littlehub.cli.transport;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A bounded retry, with a doubling pause, of a step that is safe to repeat (connecting, a read-only command) when the
 * network stalled ({@link SshFailure#stalled()}): a Wi-Fi hiccup or a busy VM should not end a run that has changed
 * nothing yet. Every retry is said, naming the step and what went wrong. Any other failure goes through at once.
 */
public final class StallRetry {
    /** Attempts in all, the first included. */
    static final int ATTEMPTS = 3;

    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

    /** Waits between attempts (tests record the pauses instead). */
    interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Pause pause;
    private final Consumer<String> say;

    StallRetry(Pause pause, Consumer<String> say) {
        this.pause = pause;
        this.say = say;
    }

    static StallRetry sleeping(Consumer<String> say) {
        return new StallRetry(d -> Thread.sleep(d.toMillis()), say);
    }

    /**
     * Runs {@code step}; after a stall, runs {@code beforeRetry} (e.g. a new connection) and the step again, up to
     * {@link #ATTEMPTS} times. {@code what} names the step in the message ("reading the VM's facts").
     */
    <T> T run(String what, Supplier<T> step, Runnable beforeRetry) {
        Duration wait = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                if (attempt > 1) {
                    beforeRetry.run();
                }
                return step.get();
            } catch (SshFailure e) {
                if (!e.stalled() || attempt == ATTEMPTS) {
                    throw e;
                }
                say.accept("littlehub: " + what + " stalled (" + e.problem() + "); retrying in " + wait.toSeconds()
                        + " s, attempt " + (attempt + 1) + " of " + ATTEMPTS);
                try {
                    pause.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2);
            }
        }
    }
}
