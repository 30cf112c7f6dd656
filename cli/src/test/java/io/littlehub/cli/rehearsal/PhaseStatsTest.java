package io.littlehub.cli.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseStatsTest {
    static List<Duration> seconds(int... s) {
        List<Duration> d = new ArrayList<>();
        for (int x : s) {
            d.add(Duration.ofSeconds(x));
        }
        return d;
    }

    @Test
    void nearestRankOverTwentyTimesInAnyOrder() {
        List<Duration> times = seconds(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        Collections.shuffle(times, new java.util.Random(19));
        PhaseStats s = PhaseStats.of(times);
        assertEquals(20, s.count());
        assertEquals(Duration.ofSeconds(10), s.p50());
        assertEquals(Duration.ofSeconds(19), s.p95());
        assertEquals(Duration.ofSeconds(20), s.max());
    }

    @Test
    void tenStudentsP95IsTheSlowest() {
        PhaseStats s = PhaseStats.of(seconds(3, 1, 4, 1, 5, 9, 2, 6, 5, 30));
        assertEquals(Duration.ofSeconds(4), s.p50());
        assertEquals(Duration.ofSeconds(30), s.p95());
    }

    @Test
    void oneTimeIsEveryPercentile() {
        PhaseStats s = PhaseStats.of(seconds(7));
        assertEquals(Duration.ofSeconds(7), s.p50());
        assertEquals(Duration.ofSeconds(7), s.p95());
    }

    @Test
    void noTimesNoFigures() {
        PhaseStats s = PhaseStats.of(List.of());
        assertEquals(0, s.count());
        assertNull(s.p95());
    }
}
