package io.littlehub.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.agent.health.HubWatch.Remedy;
import io.littlehub.agent.health.HubWatch.Unit;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubWatchTest {
    private static final Unit HEALTHY = new Unit("active", 3600, true);

    @Test
    void aHealthyHubIsLeftAlone() {
        assertEquals(List.of(), HubWatch.remedies(HEALTHY, HEALTHY, false));
    }

    @Test
    void aHubThatRunsButDoesNotAnswerIsRestartedOnceItHadTimeToStart() {
        assertEquals(List.of(Remedy.RESTART_HUB), HubWatch.remedies(new Unit("active", 61, false), HEALTHY, false));
        assertEquals(List.of(), HubWatch.remedies(new Unit("active", 5, false), HEALTHY, false), "still starting");
        assertEquals(List.of(Remedy.RESTART_PROXY), HubWatch.remedies(HEALTHY, new Unit("active", 600, false), false));
    }

    @Test
    void whatSystemdGaveUpOnIsStartedAgainButAStoppedUnitIsNot() {
        assertEquals(List.of(Remedy.START_PROXY, Remedy.START_HUB),
                HubWatch.remedies(new Unit("failed", 0, false), new Unit("failed", 0, false), false));
        assertEquals(List.of(), HubWatch.remedies(new Unit("inactive", 0, false), HEALTHY, false), "an admin stopped it on purpose");
        assertEquals(List.of(), HubWatch.remedies(new Unit("activating", 200, false), HEALTHY, false), "systemd is restarting it");
    }

    @Test
    void nothingIsDoneWhileAChangeHoldsTheLock() {
        assertEquals(List.of(), HubWatch.remedies(new Unit("active", 600, false), new Unit("failed", 0, false), true));
    }
}
