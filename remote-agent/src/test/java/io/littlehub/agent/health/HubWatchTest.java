package io.littlehub.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.agent.health.HubWatch.Remedy;
import io.littlehub.agent.health.HubWatch.Unit;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubWatchTest {
    private static final Unit HEALTHY = new Unit("active", 3600, true, true);

    @Test
    void aHealthyHubIsLeftAlone() {
        assertEquals(List.of(), HubWatch.remedies(HEALTHY, HEALTHY, false));
    }

    @Test
    void aHubThatAnsweredAndNoLongerDoesIsRestarted() {
        assertEquals(
                List.of(Remedy.RESTART_HUB), HubWatch.remedies(new Unit("active", 70, false, true), HEALTHY, false));
        assertEquals(
                List.of(Remedy.RESTART_PROXY), HubWatch.remedies(HEALTHY, new Unit("active", 600, false, true), false));
    }

    @Test
    void aHubThatNeverAnsweredGetsTimeToStartOnASlowMachine() {
        assertEquals(
                List.of(), HubWatch.remedies(new Unit("active", 300, false, false), HEALTHY, false), "still importing");
        assertEquals(
                List.of(Remedy.RESTART_HUB),
                HubWatch.remedies(new Unit("active", 600, false, false), HEALTHY, false),
                "stuck starting");
    }

    @Test
    void whatSystemdGaveUpOnIsStartedAgainButAStoppedUnitIsNot() {
        assertEquals(
                List.of(Remedy.START_PROXY, Remedy.START_HUB),
                HubWatch.remedies(new Unit("failed", 0, false, false), new Unit("failed", 0, false, false), false));
        assertEquals(
                List.of(),
                HubWatch.remedies(new Unit("inactive", 0, false, false), HEALTHY, false),
                "an admin stopped it on purpose");
        assertEquals(
                List.of(),
                HubWatch.remedies(new Unit("activating", 200, false, true), HEALTHY, false),
                "systemd is restarting it");
    }

    @Test
    void nothingIsDoneWhileAChangeHoldsTheLock() {
        assertEquals(
                List.of(),
                HubWatch.remedies(new Unit("active", 600, false, true), new Unit("failed", 0, false, false), true));
    }
}
