package io.littlehub.agent.restart;

import io.littlehub.agent.restart.RestartDecision.Outcome;
import io.littlehub.agent.restart.RestartDecision.Policy;
import io.littlehub.agent.students.HubRefused;
import io.littlehub.common.ExitCodes;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs before a change takes the lock (nothing is written yet): a config change, an upgrade or a rollback of the
 * release. When the change restarts the hub while people are active, it says so, and then applies, stops for the
 * laptop to ask, or waits until nobody is active, as the
 * {@link Policy} says. Waiting holds no lock: other changes go on meanwhile, and the change is made from the config
 * as it is when the wait ends.
 */
public final class RestartGate {
    /** The check run: the units ({@link RestartDecision#AWAY_UNITS}) applying a config text would restart. */
    public interface CheckRun {
        Set<String> awayUnits(String configText) throws IOException, InterruptedException;
    }

    /** A change that restarts the hub whatever the config says (an upgrade, a rollback of the release). */
    public static final CheckRun RESTARTS_THE_HUB = configText -> Set.of("jupyterhub");

    /** How often {@code --when-idle} looks at the hub again. */
    public static final Duration POLL = Duration.ofSeconds(15);

    private final Policy policy;
    private final Duration window;
    private final Duration timeout;
    private final IdleWait.Look look;
    private final CheckRun checkRun;
    private final IdleWait.Clock clock;
    private final PrintStream err;

    public RestartGate(
            Policy policy,
            Duration window,
            Duration timeout,
            IdleWait.Look look,
            CheckRun checkRun,
            IdleWait.Clock clock,
            PrintStream err) {
        this.policy = policy;
        this.window = window;
        this.timeout = timeout;
        this.look = look;
        this.checkRun = checkRun;
        this.clock = clock;
        this.err = err;
    }

    /** {@code ExitCodes.OK} to go on with the change, else the code to end with (nothing changed). */
    public int beforeApplying(String after) throws InterruptedException {
        if (policy == Policy.NOW) {
            return ExitCodes.OK;
        }
        HubActivity activity;
        try {
            activity = look.now();
        } catch (HubRefused e) {
            return refused(e, check(after));
        } catch (IOException e) {
            // A hub that does not answer has nobody to disturb.
            err.println("cannot ask the hub who is active (" + e.getMessage() + "): applying");
            return ExitCodes.OK;
        }
        AtomicReference<Set<String>> units = new AtomicReference<>();
        Outcome outcome = RestartDecision.decide(policy, activity, () -> {
            units.set(check(after));
            return units.get();
        });
        if (outcome == Outcome.APPLY) {
            return ExitCodes.OK;
        }
        err.println(RestartDecision.notice(activity, window, units.get()));
        switch (outcome) {
            case SAY_AND_APPLY -> {
                err.println("applying now (--when-idle would wait until nobody is active)");
                return ExitCodes.OK;
            }
            case STOP_AND_ASK -> {
                err.println("nothing changed: --yes restarts the hub now, --when-idle waits until nobody is active");
                return ExitCodes.PEOPLE_ACTIVE;
            }
            default -> {
                try {
                    if (new IdleWait(look, clock, POLL, timeout, err::println).await()) {
                        return ExitCodes.OK;
                    }
                } catch (HubRefused e) {
                    // It answered before and refuses now (a token replaced meanwhile): not "still active".
                    return refused(e, units.get());
                }
                err.println("still active after " + IdleWait.seconds(timeout) + ": nothing changed; try again later,"
                        + " with a longer --idle-timeout, or with --yes to restart the hub now");
                return ExitCodes.PEOPLE_ACTIVE;
            }
        }
    }

    /**
     * The hub runs but would not say who is active: a change that restarts it goes ahead only when the teacher did
     * not ask to look (no terminal: said, as for people active), never blindly after {@code --when-idle}.
     */
    private int refused(HubRefused e, Set<String> units) {
        if (units.isEmpty()) {
            return ExitCodes.OK;
        }
        err.println("this change restarts " + String.join(" and ", units) + ", and who is active cannot be seen: "
                + e.getMessage());
        switch (policy) {
            case SAY_AND_APPLY -> {
                err.println("applying now (--when-idle would not go ahead without seeing who is active)");
                return ExitCodes.OK;
            }
            case ASK -> {
                err.println("nothing changed: --yes restarts the hub now, whoever is active");
                return ExitCodes.PEOPLE_ACTIVE;
            }
            default -> {
                err.println("nothing changed: --when-idle cannot tell when nobody is active; --yes restarts the hub"
                        + " now, whoever is active");
                return ExitCodes.FAILED;
            }
        }
    }

    private Set<String> check(String after) {
        try {
            return checkRun.awayUnits(after);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking what the change restarts", e);
        }
    }
}
