package io.littlehub.agent.restart;

import io.littlehub.agent.students.HubRefused;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --when-idle}: looks at the hub every {@code poll} until nobody is active (then true) or {@code timeout} has
 * passed (false). Says what it waits for when it starts, when the active people change, and once a minute, so a
 * teacher at a terminal sees it is alive. Tests run it on a scripted clock.
 */
public final class IdleWait {
    /**
     * Who is active now; throws when the hub cannot be asked (the wait goes on), or {@link HubRefused} when it refuses
     * to say (the wait ends: a refused token does not mend itself).
     */
    public interface Look {
        HubActivity now() throws IOException;
    }

    /** Time, and waiting for it: the system's, or a test's. */
    public interface Clock {
        Instant now();

        void sleep(Duration duration) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis());
            }
        };
    }

    static final Duration SAY_AGAIN = Duration.ofMinutes(1);

    private final Look look;
    private final Clock clock;
    private final Duration poll;
    private final Duration timeout;
    private final Consumer<String> say;

    public IdleWait(Look look, Clock clock, Duration poll, Duration timeout, Consumer<String> say) {
        this.look = look;
        this.clock = clock;
        this.poll = poll;
        this.timeout = timeout;
        this.say = say;
    }

    public boolean await() throws InterruptedException, HubRefused {
        Instant start = clock.now();
        Instant deadline = start.plus(timeout);
        List<String> told = null;
        Instant toldAt = start;
        while (true) {
            Instant now = clock.now();
            List<String> active;
            try {
                active = look.now().active();
            } catch (HubRefused e) {
                throw e;
            } catch (IOException e) {
                say.accept("cannot ask the hub who is active (" + e.getMessage() + "): asking again");
                active = told;
            }
            if (active != null && active.isEmpty()) {
                say.accept("nobody is active now (after " + seconds(Duration.between(start, now)) + "): applying");
                return true;
            }
            if (!now.isBefore(deadline)) {
                return false;
            }
            if (active != null && (!active.equals(told) || !now.isBefore(toldAt.plus(SAY_AGAIN)))) {
                say.accept("waiting until nobody is active: " + RestartDecision.people(active.size()) + " ("
                        + HubActivity.names(active) + "); gives up in "
                        + seconds(Duration.between(now, deadline)));
                told = active;
                toldAt = now;
            }
            Duration left = Duration.between(now, deadline);
            clock.sleep(left.compareTo(poll) < 0 ? left : poll);
        }
    }

    /** Whole seconds rounded up: the first look takes a moment, and 19.98 s left of 20 is "20 s", not "19 s". */
    static String seconds(Duration d) {
        long s = (d.toMillis() + 999) / 1000;
        return s >= 120 ? (s / 60) + " min" : s + " s";
    }
}
