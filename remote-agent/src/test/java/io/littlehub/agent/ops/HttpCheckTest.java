package io.littlehub.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.machine.FakeMachine;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The health check's wait as data: a FakeMachine answers {@code systemctl show} for the units, a fake clock moves on
 * with each pause, and the URL answers from a given second. What the wait saw decides the plan.
 */
class HttpCheckTest {
    private static final String URL = "http://127.0.0.1:80/hub/health";
    private static final HttpCheck HUB = new HttpCheck(URL, 200, 90, List.of("jupyterhub", "littlehub-proxy"), 600);
    private static final List<String> SHOW = List.of(
            "systemctl",
            "show",
            "--property=Id,ActiveState,SubState,MainPID,NRestarts",
            "--",
            "jupyterhub",
            "littlehub-proxy");

    private static String hub(String active, String sub, long pid, int restarts) {
        return "Id=jupyterhub.service\nActiveState=" + active + "\nSubState=" + sub + "\nMainPID=" + pid
                + "\nNRestarts=" + restarts + "\n\n";
    }

    private static final String PROXY =
            "Id=littlehub-proxy.service\nActiveState=active\nSubState=running\nMainPID=77\nNRestarts=0\n";

    /** Runs the wait; the URL answers 200 from {@code answersAt} seconds (never if negative); units by the second. */
    private static HttpCheck.Waited wait(HttpCheck check, int answersAt, LongFunction<String> unitsAt) {
        long[] now = {0};
        FakeMachine machine = new FakeMachine().answer(SHOW, argv -> FakeMachine.ok(unitsAt.apply(now[0] / 1000)));
        return check.waitFor(
                machine, url -> answersAt >= 0 && now[0] / 1000 >= answersAt ? 200 : -1, () -> now[0], millis -> {
                    now[0] += millis;
                    return true;
                });
    }

    @Test
    void readsTheUnitsWithOneExactCommandLine() {
        assertEquals(SHOW, HUB.showUnits());
        assertEquals(
                List.of(
                        new HttpCheck.UnitState("jupyterhub.service", "active", "running", 42, 0),
                        new HttpCheck.UnitState("littlehub-proxy.service", "active", "running", 77, 0)),
                HUB.parseUnits(hub("active", "running", 42, 0) + PROXY));
    }

    @Test
    void aSlowButRunningHubIsWaitedForPastTheUsualNinetySeconds() {
        HttpCheck.Waited got = wait(HUB, 300, s -> hub("active", "running", 42, 0) + PROXY);
        assertEquals(HttpCheck.End.ANSWERED, got.end());
        assertEquals(300, got.seconds());
        assertEquals(List.of(), HUB.plan(got));
    }

    @Test
    void aFailedUnitEndsTheWaitAtOnce() {
        HttpCheck.Waited got =
                wait(HUB, -1, s -> (s < 5 ? hub("active", "running", 42, 0) : hub("failed", "failed", 0, 0)) + PROXY);
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
        HttpCheck.Waited got =
                wait(HUB, -1, s -> (s < 8 ? hub("active", "running", 42, 0) : hub("active", "running", 51, 1)) + PROXY);
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
        HttpCheck.Waited got = wait(HUB, -1, s -> hub("active", "running", 42, 0) + PROXY);
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
        HttpCheck.Waited got = wait(front, -1, s -> "");
        assertEquals(HttpCheck.End.TIMEOUT, got.end());
        assertEquals(30, got.seconds());
        String fail = ((Action.Fail) front.plan(got).get(0)).describe();
        assertTrue(fail.contains("answered nothing within 30 s, expected 308") && fail.contains("journalctl"), fail);
        assertEquals(
                HttpCheck.End.ANSWERED,
                wait(HUB, 2, s -> hub("active", "running", 42, 0) + PROXY).end());
    }
}
