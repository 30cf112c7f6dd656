package io.littlehub.agent.restart;

import io.littlehub.common.events.Event;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Whether a config change may go ahead now, given who is active on the hub and whether it restarts the hub. Pure:
 * scripted activity and a scripted check run in, an outcome out.
 */
public final class RestartDecision {
    /** The units whose restart takes the hub away from people: its pages and the routes to their servers. */
    static final List<String> AWAY_UNITS = List.of("jupyterhub", "littlehub-proxy");

    /** What the teacher said to do about a restart. */
    public enum Policy {
        /** No terminal and no choice made (a script): say so, then apply, as before this check existed. */
        SAY_AND_APPLY,
        /** The laptop asks the teacher: stop with {@code PEOPLE_ACTIVE}, nothing changed, and it asks. */
        ASK,
        /** {@code --yes}: apply now without looking. */
        NOW,
        /** {@code --when-idle}: wait until nobody is active, then apply (or give up at the timeout). */
        WHEN_IDLE
    }

    public enum Outcome {
        APPLY,
        SAY_AND_APPLY,
        STOP_AND_ASK,
        WAIT_FOR_IDLE
    }

    private RestartDecision() {}

    /**
     * {@code restarts}: the units the change would restart (a check run of the playbook, seconds): asked only when
     * someone is active and the policy is not {@code NOW}.
     */
    public static Outcome decide(Policy policy, HubActivity activity, Supplier<Set<String>> restarts) {
        if (policy == Policy.NOW
                || activity.active().isEmpty()
                || restarts.get().isEmpty()) {
            return Outcome.APPLY;
        }
        return switch (policy) {
            case SAY_AND_APPLY -> Outcome.SAY_AND_APPLY;
            case ASK -> Outcome.STOP_AND_ASK;
            default -> Outcome.WAIT_FOR_IDLE;
        };
    }

    /**
     * The units a check run of the playbook (its events) would restart that take the hub away: the handlers that
     * would run ({@code restart hub}, {@code restart proxy}, also those a failed earlier run left pending) plan
     * {@code systemctl restart UNIT}.
     */
    public static Set<String> awayUnits(List<Event> checkRun) {
        Set<String> units = new TreeSet<>();
        for (Event e : checkRun) {
            if (e instanceof Event.TaskResult r
                    && r.kind() == Event.Kind.HANDLER
                    && r.status() == Event.Status.CHANGED) {
                for (String unit : AWAY_UNITS) {
                    if (r.actions().contains("systemctl restart " + unit)) {
                        units.add(unit);
                    }
                }
            }
        }
        return units;
    }

    /** What the teacher is told before a restart that disturbs people. */
    public static String notice(HubActivity activity, Duration window, Set<String> units) {
        return "this change restarts " + String.join(" and ", units) + ": the hub is away for a few seconds and pages"
                + " loaded meanwhile fail (503); " + people(activity.active().size()) + " active in the last "
                + window.toMinutes() + " min (" + HubActivity.names(activity.active()) + "), "
                + servers(activity.running().size()) + " running; running servers keep running";
    }

    static String people(int n) {
        return n == 1 ? "1 person" : n + " people";
    }

    private static String servers(int n) {
        return n == 1 ? "1 server" : n + " servers";
    }
}
