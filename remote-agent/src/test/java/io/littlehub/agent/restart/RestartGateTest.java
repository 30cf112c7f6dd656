package io.littlehub.agent.restart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.restart.RestartDecision.Policy;
import io.littlehub.agent.students.HubRefused;
import io.littlehub.common.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gate before a config change, as data: who is active (scripted), the check run (scripted), a fake clock. */
class RestartGateTest {
    private static final HubActivity ADA = new HubActivity(List.of("ada"), List.of("ada"));

    private final FakeClock clock = new FakeClock();
    private final Deque<HubActivity> looks = new ArrayDeque<>();
    private final List<String> checked = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Set<String> restarts = Set.of("jupyterhub");
    private boolean hubDown;
    private boolean hubRefuses;
    /** Looks answered before the hub starts refusing the token (-1: never). */
    private int looksBeforeRefusing = -1;

    private int gate(Policy policy) throws InterruptedException {
        return new RestartGate(
                        policy,
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(2),
                        () -> {
                            if (hubDown) {
                                throw new IOException("connection refused");
                            }
                            if (hubRefuses || looksBeforeRefusing-- == 0) {
                                throw new HubRefused("the hub refused the agent's API token (GET users: 403)");
                            }
                            return looks.size() > 1 ? looks.pop() : looks.peek();
                        },
                        text -> {
                            checked.add(text);
                            return restarts;
                        },
                        clock,
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .beforeApplying("limits:\n  memory: 2G\n");
    }

    private List<String> said() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static final String NOTICE = "this change restarts jupyterhub: the hub is away for a few seconds and pages"
            + " loaded meanwhile fail (503); 1 person active in the last 10 min (ada), 1 server running; running"
            + " servers keep running";

    @Test
    void withoutAChoiceItSaysSoAndApplies() throws Exception {
        looks.add(ADA);
        assertEquals(ExitCodes.OK, gate(Policy.SAY_AND_APPLY));
        assertEquals(List.of(NOTICE, "applying now (--when-idle would wait until nobody is active)"), said());
        assertEquals(List.of("limits:\n  memory: 2G\n"), checked, "the check run saw the new config");
    }

    @Test
    void askingStopsWithNothingChangedForTheLaptopToAsk() throws Exception {
        looks.add(ADA);
        assertEquals(ExitCodes.PEOPLE_ACTIVE, gate(Policy.ASK));
        assertEquals(
                List.of(
                        NOTICE,
                        "nothing changed: --yes restarts the hub now, --when-idle waits until nobody is active"),
                said());
    }

    @Test
    void whenIdleWaitsUntilNobodyIsActive() throws Exception {
        looks.addAll(List.of(ADA, ADA, ADA, HubActivity.NOBODY));
        assertEquals(ExitCodes.OK, gate(Policy.WHEN_IDLE));
        assertEquals(Duration.ofSeconds(30), clock.slept.stream().reduce(Duration.ZERO, Duration::plus));
        assertEquals("nobody is active now (after 30 s): applying", said().get(said().size() - 1));
    }

    @Test
    void whenIdleGivesUpAtTheTimeoutWithNothingChanged() throws Exception {
        looks.add(ADA);
        assertEquals(ExitCodes.PEOPLE_ACTIVE, gate(Policy.WHEN_IDLE));
        assertEquals(Duration.ofMinutes(2), clock.slept.stream().reduce(Duration.ZERO, Duration::plus));
        assertEquals(
                "still active after 2 min: nothing changed; try again later, with a longer --idle-timeout, or with"
                        + " --yes to restart the hub now",
                said().get(said().size() - 1));
    }

    @Test
    void nothingToDisturbNothingRestartedOrYesGoesOnAtOnce() throws Exception {
        looks.add(HubActivity.NOBODY);
        for (Policy p : Policy.values()) {
            assertEquals(ExitCodes.OK, gate(p), p + ": nobody active");
        }
        looks.clear();
        looks.add(ADA);
        restarts = Set.of();
        for (Policy p : Policy.values()) {
            assertEquals(ExitCodes.OK, gate(p), p + ": restarts nothing");
        }
        hubDown = true;
        assertEquals(ExitCodes.OK, gate(Policy.WHEN_IDLE), "a hub that does not answer has nobody to disturb");
        assertEquals(List.of("cannot ask the hub who is active (connection refused): applying"), said());
        assertEquals(List.of(), clock.slept);
        assertTrue(checked.size() == 3, "checked only when someone was active and not --yes: " + checked.size());
    }

    private static final String UNSEEN = "this change restarts jupyterhub, and who is active cannot be seen: the hub"
            + " refused the agent's API token (GET users: 403)";
    /** What --when-idle says when it stops because the hub refuses the token. */
    private static final String WHEN_IDLE_REFUSED =
            "nothing changed: --when-idle cannot tell when nobody is active; --yes restarts the hub now,"
                    + " whoever is active";

    /** A hub that answers but refuses the token may have people on it: not taken for "nobody active". */
    @Test
    void aHubThatRefusesTheTokenIsNotTakenForNobodyActive() throws Exception {
        hubRefuses = true;
        assertEquals(ExitCodes.FAILED, gate(Policy.WHEN_IDLE));
        assertEquals(List.of(UNSEEN, WHEN_IDLE_REFUSED), said());
        assertEquals(List.of(), clock.slept, "no wait for what cannot be seen");
        err.reset();
        assertEquals(ExitCodes.PEOPLE_ACTIVE, gate(Policy.ASK), "the laptop asks");
        assertEquals(List.of(UNSEEN, "nothing changed: --yes restarts the hub now, whoever is active"), said());
        err.reset();
        assertEquals(ExitCodes.OK, gate(Policy.SAY_AND_APPLY));
        assertEquals(
                List.of(UNSEEN, "applying now (--when-idle would not go ahead without seeing who is active)"), said());
        err.reset();
        restarts = Set.of();
        for (Policy p : Policy.values()) {
            assertEquals(ExitCodes.OK, gate(p), p + ": a change that restarts nothing needs nobody seen");
        }
        assertEquals(List.of(), said());
    }

    /** A refusal during --when-idle's wait is said as one, not as "still active" at the timeout. */
    @Test
    void aHubThatStartsRefusingDuringTheWaitEndsItAsARefusal() throws Exception {
        looks.add(ADA);
        looksBeforeRefusing = 3;
        assertEquals(ExitCodes.FAILED, gate(Policy.WHEN_IDLE));
        assertEquals(List.of(UNSEEN, WHEN_IDLE_REFUSED), said().subList(said().size() - 2, said().size()));
        assertEquals(Duration.ofSeconds(30), clock.slept.stream().reduce(Duration.ZERO, Duration::plus));
        assertEquals(1, checked.size(), "what the change restarts is checked once");
    }
}
