package io.littlehub.agent.restart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.agent.restart.RestartDecision.Outcome;
import io.littlehub.agent.restart.RestartDecision.Policy;
import io.littlehub.common.events.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decision as data: policy, who is active and what the check run restarts in; the outcome out. */
class RestartDecisionTest {
    private static final HubActivity ADA_ACTIVE = new HubActivity(List.of("ada", "bob"), List.of("ada"));
    private static final HubActivity NOBODY_ACTIVE = new HubActivity(List.of("bob"), List.of());
    private static final Set<String> HUB = Set.of("jupyterhub");

    private final List<String> checkRuns = new ArrayList<>();

    private Outcome decide(Policy policy, HubActivity activity, Set<String> restarts) {
        return RestartDecision.decide(policy, activity, () -> {
            checkRuns.add(policy.name());
            return restarts;
        });
    }

    @Test
    void whenSomeoneIsActiveAndTheHubRestartsThePolicyDecides() {
        assertEquals(Outcome.SAY_AND_APPLY, decide(Policy.SAY_AND_APPLY, ADA_ACTIVE, HUB));
        assertEquals(Outcome.STOP_AND_ASK, decide(Policy.ASK, ADA_ACTIVE, HUB));
        assertEquals(Outcome.WAIT_FOR_IDLE, decide(Policy.WHEN_IDLE, ADA_ACTIVE, Set.of("littlehub-proxy")));
        assertEquals(List.of("SAY_AND_APPLY", "ASK", "WHEN_IDLE"), checkRuns);
    }

    @Test
    void aChangeThatRestartsNothingOrDisturbsNobodyIsAppliedAndYesDoesNotEvenLook() {
        for (Policy p : Policy.values()) {
            assertEquals(Outcome.APPLY, decide(p, ADA_ACTIVE, Set.of()), p + ": restarts nothing");
            assertEquals(Outcome.APPLY, decide(p, NOBODY_ACTIVE, HUB), p + ": nobody active");
        }
        assertEquals(List.of("SAY_AND_APPLY", "ASK", "WHEN_IDLE"), checkRuns, "--yes and nobody active: no check run");
    }

    private static Event.TaskResult result(String name, Event.Kind kind, Event.Status status, String... actions) {
        return new Event.TaskResult(1, name, kind, status, Duration.ZERO, List.of(actions), null, null);
    }

    @Test
    void theRestartedUnitsAreTheHandlersTheCheckRunPlans() {
        List<Event> run = List.of(
                result("jupyterhub_config.py", Event.Kind.TASK, Event.Status.CHANGED, "write /opt/x"),
                result("restart ssh", Event.Kind.HANDLER, Event.Status.CHANGED, "systemctl restart ssh"),
                result(
                        "restart hub",
                        Event.Kind.HANDLER,
                        Event.Status.CHANGED,
                        "systemctl daemon-reload",
                        "systemctl restart jupyterhub"),
                result(
                        "hub answers",
                        Event.Kind.HANDLER,
                        Event.Status.CHANGED,
                        "GET http://127.0.0.1:8081/hub/health"));
        assertEquals(Set.of("jupyterhub"), RestartDecision.awayUnits(run));
        List<Event> proxyToo = new ArrayList<>(run);
        proxyToo.add(
                result("restart proxy", Event.Kind.HANDLER, Event.Status.CHANGED, "systemctl restart littlehub-proxy"));
        assertEquals(Set.of("jupyterhub", "littlehub-proxy"), RestartDecision.awayUnits(proxyToo));
        assertEquals(
                Set.of(),
                RestartDecision.awayUnits(List.of(
                        result("restart ssh", Event.Kind.HANDLER, Event.Status.CHANGED, "systemctl restart ssh"),
                        result("x", Event.Kind.TASK, Event.Status.CHANGED, "systemctl restart jupyterhub"))),
                "a task's own action is no handler's restart");
    }

    @Test
    void theNoticeSaysWhoWhatAndThatServersKeepRunning() {
        assertEquals(
                "this change restarts jupyterhub: the hub is away for a few seconds and pages loaded meanwhile fail"
                        + " (503); 1 person active in the last 10 min (ada), 2 servers running; running servers keep"
                        + " running",
                RestartDecision.notice(ADA_ACTIVE, Duration.ofMinutes(10), new java.util.TreeSet<>(HUB)));
    }
}
