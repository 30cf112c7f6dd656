package io.littlehub.cli.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {
    static final long GIB = 1L << 30;
    /** An 8 GiB VM that used 1 GiB before the class and 4 GiB at the peak. */
    static final VmLoad ROOMY = new VmLoad(8 * GIB, GIB, 4 * GIB, 90, 2.5);

    static StudentRun through(String name, int firstCellSeconds) {
        Map<Phase, Duration> reached = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            // sign-in, server, kernel a second apart up to the first cell; left after a 5 s stay.
            int at = p == Phase.LEFT
                    ? firstCellSeconds + 5
                    : firstCellSeconds - (Phase.FIRST_CELL.ordinal() - p.ordinal());
            reached.put(p, Duration.ofSeconds(at));
        }
        return new StudentRun(name, Duration.ZERO, reached, null, null, 0, 0);
    }

    static List<StudentRun> class_(int students, int firstCellSeconds) {
        List<StudentRun> runs = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            runs.add(through("rehearsal-" + i, firstCellSeconds));
        }
        return runs;
    }

    static Verdict verdict(List<StudentRun> runs, VmLoad load, Long limit) {
        return Verdict.of(runs.size(), runs, Rehearsal.stats(runs), load, limit, Duration.ofSeconds(45));
    }

    @Test
    void aQuickClassWithRoomPassesAndSaysHowMany() {
        Verdict v = verdict(class_(10, 12), ROOMY, GIB / 2);
        assertTrue(v.pass(), v.toString());
        assertEquals(
                "this VM holds 10 at once: first cell p95 12.0 s, peak memory 4 GiB of 8 GiB (4 GiB left)",
                v.findings().get(0));
        assertTrue(v.fixes().isEmpty());
    }

    @Test
    void limitsTheVmCannotHoldFailNamingMemoryAndBothFixes() {
        Verdict v = verdict(class_(10, 12), ROOMY, 2 * GIB);
        assertFalse(v.pass());
        // 10 × 2 GiB = 20 GiB against 7 GiB free: 13 more, or 7 × 0.9 / 10 = 645 MiB each.
        assertEquals(
                "memory: add 13 GB (`littlehub size --students 10`) or lower limits.memory to 645.2 MiB"
                        + " (`littlehub config set limits.memory …`)",
                v.fixes().get(0));
    }

    @Test
    void aPeakWithoutHeadroomFailsNamingMemory() {
        Verdict v = verdict(class_(10, 12), new VmLoad(8 * GIB, GIB, (long) (7.5 * GIB), 100, 6), null);
        assertFalse(v.pass());
        assertTrue(v.findings().contains("memory nearly full at the peak: 7.5 GiB of 8 GiB in use"), v.toString());
        assertTrue(v.fixes().get(0).startsWith("memory: add "), v.toString());
    }

    @Test
    void aSlowFirstCellAdvisesAWarmStart() {
        Verdict v = verdict(class_(10, 60), ROOMY, null);
        assertFalse(v.pass());
        assertTrue(v.findings().contains("first cell p95 60.0 s (the goal: 45.0 s)"), v.toString());
        assertTrue(v.fixes().get(0).contains("warm the class"), v.toString());
    }

    @Test
    void failuresAreCountedByPhaseAndReason() {
        List<StudentRun> runs = class_(3, 10);
        runs.add(new StudentRun("rehearsal-9", Duration.ZERO, Map.of(), Phase.FIRST_CELL, "kernel error: X: y", 0, 0));
        runs.add(new StudentRun("rehearsal-8", Duration.ZERO, Map.of(), Phase.FIRST_CELL, "kernel error: X: y", 0, 0));
        Verdict v = verdict(runs, ROOMY, null);
        assertFalse(v.pass());
        assertTrue(v.findings().contains("2 × failed at first cell: kernel error: X: y"), v.toString());
        assertEquals("this VM does not hold 5 at once", v.findings().get(0));
    }

    /** {@code through}, told "busy" {@code times} times on the way. */
    static StudentRun busy(String name, int firstCellSeconds, int times) {
        StudentRun r = through(name, firstCellSeconds);
        return new StudentRun(r.name(), r.startedAt(), r.reached(), null, null, times, 0);
    }

    @Test
    void busyAnswersWaitedOutAreAFindingNotAFailure() {
        List<StudentRun> runs = class_(4, 12);
        runs.add(busy("rehearsal-5", 20, 2));
        runs.add(busy("rehearsal-6", 25, 1));
        Verdict v = verdict(runs, ROOMY, null);
        assertTrue(v.pass(), v.toString());
        assertTrue(v.findings().get(1).startsWith("3 × the hub said busy (429"), v.toString());
    }

    @Test
    void aStartTheHubReportedFailedFailsTheVerdictThoughTheStudentGotThrough() {
        List<StudentRun> runs = class_(4, 12);
        StudentRun r = through("rehearsal-5", 20);
        runs.add(new StudentRun(r.name(), r.startedAt(), r.reached(), null, null, 0, 2));
        Verdict v = verdict(runs, ROOMY, null);
        assertFalse(v.pass(), v.toString());
        assertTrue(
                v.findings()
                        .contains("2 × the hub reported a server's start failed (\"Spawn failed\"); the students"
                                + " started again"),
                v.toString());
        assertTrue(v.fixes().get(0).startsWith("failed starts:"), v.toString());
    }

    @Test
    void aHubStillBusyAtTheTimeoutFailsNamingSpawnsAtOnce() {
        List<StudentRun> runs = class_(3, 12);
        runs.add(new StudentRun(
                "rehearsal-9",
                Duration.ZERO,
                Map.of(Phase.SIGN_IN, Duration.ofSeconds(1)),
                Phase.SERVER_READY,
                "the hub was still busy (429: Too many users trying to log in right now) at the 300 s timeout",
                29,
                0));
        Verdict v = verdict(runs, ROOMY, null);
        assertFalse(v.pass());
        assertTrue(v.fixes().get(0).contains("limits.spawns_at_once"), v.toString());
    }
}
