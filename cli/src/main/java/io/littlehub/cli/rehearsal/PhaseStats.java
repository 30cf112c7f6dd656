package io.littlehub.cli.rehearsal;

import java.time.Duration;
import java.util.List;

/** The spread of one phase's times: p50, p95 and max by the nearest-rank method, over the students that reached it. */
public record PhaseStats(int count, Duration p50, Duration p95, Duration max) {
    public static PhaseStats of(List<Duration> times) {
        if (times.isEmpty()) {
            return new PhaseStats(0, null, null, null);
        }
        List<Duration> sorted = times.stream().sorted().toList();
        return new PhaseStats(sorted.size(), rank(sorted, 50), rank(sorted, 95), sorted.get(sorted.size() - 1));
    }

    /** Nearest rank: the smallest time that at least {@code percent} % of the times do not exceed. */
    private static Duration rank(List<Duration> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
