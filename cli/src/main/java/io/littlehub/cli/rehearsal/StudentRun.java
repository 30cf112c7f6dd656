package io.littlehub.cli.rehearsal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * One simulated student's run: when it started (from the rehearsal's start), the time each phase it reached took from
 * that start, and the phase it failed in with the reason (null when it went through).
 *
 * @param busyRetries how many times the hub answered its server start with "busy" (429) and it paused and asked again,
 *     as a student's browser does: waits, not failures
 * @param failedStarts how many times the hub reported its server's start failed (JupyterHub's "Spawn failed", e.g. its
 *     http_timeout passed) and it asked for a start again, as a student does from the hub's page: the run may still go
 *     through, but each is a failure the student saw
 */
public record StudentRun(
        String name,
        Duration startedAt,
        Map<Phase, Duration> reached,
        Phase failedIn,
        String reason,
        int busyRetries,
        int failedStarts) {
    public StudentRun {
        reached = Map.copyOf(reached.isEmpty() ? new EnumMap<>(Phase.class) : new EnumMap<>(reached));
    }

    public boolean failed() {
        return failedIn != null;
    }

    /** The sum of {@code count} (busy retries, failed starts) over {@code runs}. */
    static int total(List<StudentRun> runs, ToIntFunction<StudentRun> count) {
        return runs.stream().mapToInt(count).sum();
    }
}
