package io.littlehub.cli.rehearsal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * One simulated student's run: when it started (from the rehearsal's start), the time each phase it reached took from
 * that start, and the phase it failed in with the reason (null when it went through).
 *
 * @param busyRetries how many times the hub answered its server start with "busy" (429) and it paused and asked again,
 *     as a student's browser does: waits, not failures
 */
public record StudentRun(
        String name, Duration startedAt, Map<Phase, Duration> reached, Phase failedIn, String reason, int busyRetries) {
    public StudentRun {
        reached = Map.copyOf(reached.isEmpty() ? new EnumMap<>(Phase.class) : new EnumMap<>(reached));
    }

    public boolean failed() {
        return failedIn != null;
    }
}
