package io.littlehub.agent.ops;

import static io.littlehub.agent.ops.RestartedHub.PROXY;
import static io.littlehub.agent.ops.RestartedHub.RUNNING;
import static io.littlehub.agent.ops.RestartedHub.SHOW;
import static io.littlehub.agent.ops.RestartedHub.hub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.machine.FakeMachine;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The health check's wait as data: a FakeMachine answers {@code systemctl show} for the units, a fake clock moves on
 * with each pause, and the URL answers from a given second. What the wait saw decides the plan.
 */
class HttpCheckTest {
    private static final String URL = "http://127.0.0.1:80/hub/health";
    private static final HttpCheck HUB = new HttpCheck(URL, 200, 90, List.of("jupyterhub", "littlehub-proxy"), 600);

    private static final HttpCheck.UnitState HUB_RUNS =
            new HttpCheck.UnitState("jupyterhub.service", "active", "running", 42, 0);
    private static final HttpCheck.UnitState PROXY_RUNS =
            new HttpCheck.UnitState("littlehub-proxy.service", "active", "running", 77, 0);

    /** Runs the wait; the URL answers 200 from {@code answersAt} seconds (never if negative); units by the second. */
    private static HttpCheck.Waited wait(HttpCheck check, int answersAt, LongFunction<String> unitsAt) {
        return wait(check, answersAt, unitsAt, new FakeMachine());
    }

    private static HttpCheck.Waited wait(
            HttpCheck check, int answersAt, LongFunction<String> unitsAt, FakeMachine machine) {
        RestartedHub hub = answersAt < 0 ? new RestartedHub().silent() : new RestartedHub().answers(200, answersAt);
        return check.waitFor(machine, hub.units(machine, unitsAt).world());
    }

    @Test
    void readsTheUnitsWithOneExactCommandLine() {
        assertEquals(SHOW, HUB.showUnits());
        assertEquals(List.of(HUB_RUNS, PROXY_RUNS), HUB.parseUnits(hub("active", "running", 42, 0) + PROXY));
    }

    /** What {@code systemctl show} may print, and the units' states the wait reads from it. */
    @Test
    void unitsAreReadBlockByBlockInTheOrderAsked() {
        HttpCheck.UnitState hubUnknown = new HttpCheck.UnitState("jupyterhub", "unknown", "unknown", 0, 0);
        HttpCheck.UnitState proxyUnknown = new HttpCheck.UnitState("littlehub-proxy", "unknown", "unknown", 0, 0);
        Map<String, List<HttpCheck.UnitState>> cases = Map.of(
                // systemctl printed nothing (it failed): neither unit runs, so the wait ends.
                "",
                List.of(hubUnknown, proxyUnknown),
                // Blank lines of spaces between and around the blocks, as separators.
                "\n  \n" + hub("active", "running", 42, 0) + " \n\n" + PROXY + "\n",
                List.of(HUB_RUNS, PROXY_RUNS),
                // One block for two units: the missing one is not running.
                hub("active", "running", 42, 0),
                List.of(HUB_RUNS, proxyUnknown),
                // A block without Id is the unit asked in its place.
                "ActiveState=activating\nSubState=start\nMainPID=\nNRestarts=2\n\n" + PROXY,
                List.of(new HttpCheck.UnitState("jupyterhub", "activating", "start", 0, 2), PROXY_RUNS));
        cases.forEach((show, states) -> assertEquals(states, HUB.parseUnits(show), show));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> HUB.parseUnits("Failed to connect to bus\n" + PROXY));
        assertEquals("systemctl show printed a line that is not Key=value: Failed to connect to bus", e.getMessage());
    }

    @Test
    void systemdIsAskedOnceASecondWhileTheUrlIsAskedEveryTenthOfASecond() {
        FakeMachine machine = new FakeMachine();
        RestartedHub hub = new RestartedHub().answers(200, 3).units(machine, RUNNING);
        HttpCheck.Waited got = HUB.waitFor(machine, hub.world());
        assertEquals(HttpCheck.End.ANSWERED, got.end());
        assertEquals(31, hub.asked.size(), "the URL at 0.0, 0.1, … 3.0 s");
        assertEquals(3, machine.count(SHOW), "systemd when the wait began, at 1 s and at 2 s");
    }

    @Test
    void aSlowButRunningHubIsWaitedForPastTheUsualNinetySeconds() {
        HttpCheck.Waited got = wait(HUB, 300, RUNNING);
        assertEquals(HttpCheck.End.ANSWERED, got.end());
        assertEquals(300, got.seconds());
        assertEquals(List.of(), HUB.plan(got));
    }

    @Test
    void aFailedUnitEndsTheWaitAtOnce() {
        HttpCheck.Waited got = wait(HUB, -1, RestartedHub.failsAt(5));
        assertEquals(HttpCheck.End.UNIT_DOWN, got.end());
        assertEquals(5, got.seconds());
        String fail = ((Action.Fail) HUB.plan(got).get(0)).describe();
        assertTrue(
                fail.contains("after 5 s its service stopped running its process (jupyterhub.service failed (failed))")
                        && fail.contains("journalctl -u jupyterhub"),
                fail);
    }

    @Test
    void aHubThatCrashesAndIsRestartedBySystemdIsNotWaitedFor() {
        // Restart=always: between two looks the crashed hub may already run again, as a new process.
        HttpCheck.Waited got = wait(HUB, -1, RestartedHub.crashesAt(8));
        assertEquals(HttpCheck.End.UNIT_DOWN, got.end());
        assertEquals(8, got.seconds());
        got = wait(
                HUB,
                -1,
                s -> (s < 8 ? hub("active", "running", 42, 0) : hub("activating", "auto-restart", 0, 1)) + PROXY);
        assertEquals(HttpCheck.End.UNIT_DOWN, got.end());
        assertEquals(8, got.seconds());
    }

    @Test
    void aProxyThatDiesEndsTheWaitToo() {
        HttpCheck.Waited got = wait(
                HUB,
                -1,
                s -> hub("active", "running", 42, 0) + (s < 3 ? PROXY : PROXY.replace("MainPID=77", "MainPID=0")));
        assertEquals(HttpCheck.End.UNIT_DOWN, got.end());
        assertTrue(got.unit().startsWith("littlehub-proxy.service"), got.unit());
    }

    @Test
    void aHubThatRunsButNeverAnswersFailsAtTheCeilingWithTheFix() {
        HttpCheck.Waited got = wait(HUB, -1, RUNNING);
        assertEquals(HttpCheck.End.CEILING, got.end());
        assertEquals(600, got.seconds());
        String fail = ((Action.Fail) HUB.plan(got).get(0)).describe();
        assertTrue(
                fail.contains("answered nothing within 600 s")
                        && fail.contains("jupyterhub and littlehub-proxy kept running")
                        && fail.contains("give it more CPU, or run the command again when it is quieter"),
                fail);
    }

    @Test
    void withoutUnitsTheTimeoutIsTheWait() {
        HttpCheck front = new HttpCheck("http://127.0.0.1:8080/", 308, 30);
        FakeMachine machine = new FakeMachine();
        HttpCheck.Waited got = wait(front, -1, s -> "", machine);
        assertEquals(HttpCheck.End.TIMEOUT, got.end());
        assertEquals(30, got.seconds());
        assertEquals(0, machine.count(List.of("systemctl")), "no units: systemd is not asked");
        String fail = ((Action.Fail) front.plan(got).get(0)).describe();
        assertTrue(fail.contains("answered nothing within 30 s, expected 308") && fail.contains("journalctl"), fail);
        assertEquals(HttpCheck.End.ANSWERED, wait(HUB, 2, RUNNING).end());
    }
}
