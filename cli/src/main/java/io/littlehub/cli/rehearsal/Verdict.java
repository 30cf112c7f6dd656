package io.littlehub.cli.rehearsal;

import io.littlehub.cli.sizing.Size;
import io.littlehub.common.hub.BusyHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the VM holds the class, and what to do when it does not: the rules a teacher would apply to the figures.
 *
 * @param findings what was seen, one line each (the first says whether the class fits)
 * @param fixes    what to change, one line each (empty when it passes)
 */
public record Verdict(boolean pass, List<String> findings, List<String> fixes) {

    /** Less memory free than this share at the peak leaves no room for the students' work. */
    static final double MIN_HEADROOM = 0.10;

    /**
     * @param students    how many were simulated
     * @param limitMemory the hub's {@code limits.memory} in bytes (null: none), what each student may take at full use
     * @param goal        the first cell's p95 a lesson can wait for
     */
    public static Verdict of(
            int students,
            List<StudentRun> runs,
            Map<Phase, PhaseStats> stats,
            VmLoad load,
            Long limitMemory,
            Duration goal) {
        List<String> findings = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        long total = load.memoryTotal();
        long free = total - load.baselineUsed();
        if (limitMemory != null && total > 0 && (long) students * limitMemory > free) {
            long short_ = (long) students * limitMemory - free;
            findings.add(students + " students at their limits.memory (" + Size.human(limitMemory) + " each) need "
                    + Size.human((long) students * limitMemory) + "; this VM has " + Size.human(free) + " free");
            fixes.add("memory: add " + Size.ceilGib(short_) + " GB (`littlehub size --students " + students
                    + "`) or lower limits.memory to " + Size.human((long) (free * (1 - MIN_HEADROOM) / students))
                    + " (`littlehub config set limits.memory …`)");
        }
        if (total > 0 && load.headroom() < total * MIN_HEADROOM) {
            long perStudent = Math.max(0, load.peakUsed() - load.baselineUsed()) / Math.max(1, students);
            long needed = load.baselineUsed() + (long) (students * perStudent / (1 - MIN_HEADROOM)) - total;
            findings.add("memory nearly full at the peak: " + Size.human(load.peakUsed()) + " of " + Size.human(total)
                    + " in use");
            fixes.add("memory: add " + Size.ceilGib(Math.max(needed, Size.GIB)) + " GB for " + students
                    + " at once, or lower limits.memory");
        }
        Map<String, Integer> reasons = new TreeMap<>();
        runs.stream()
                .filter(StudentRun::failed)
                .forEach(r -> reasons.merge(r.failedIn().label() + ": " + r.reason(), 1, Integer::sum));
        reasons.forEach((reason, n) -> findings.add(n + " × failed at " + reason));
        int busy = StudentRun.total(runs, StudentRun::busyRetries);
        if (busy > 0) {
            findings.add(busy + " × the hub said busy (429: more servers starting than limits.spawns_at_once, or"
                    + " running than limits.active_servers); the students paused as it said and asked again");
        }
        int failedStarts = StudentRun.total(runs, StudentRun::failedStarts);
        if (failedStarts > 0) {
            // The student got through in the end, but saw "Spawn failed" and had to start again: not a class that
            // holds.
            findings.add(failedStarts + " × the hub reported a server's start failed (\"Spawn failed\"); the students"
                    + " started again");
            fixes.add("failed starts: the hub gave up on servers still starting (`littlehub logs` says why): let fewer"
                    + " start at once (`littlehub config set limits.spawns_at_once N`)"
                    + " or spread the arrivals (--ramp)");
        }
        if (runs.stream().anyMatch(r -> r.failed() && r.reason().startsWith(BusyHub.STILL_BUSY))) {
            fixes.add("the hub stayed busy: let more servers start at once (`littlehub config set"
                    + " limits.spawns_at_once N`; auto is 5 per core) or spread the arrivals (--ramp)");
        }
        if (!reasons.isEmpty() && fixes.isEmpty()) {
            fixes.add("failures: read the reasons above (`littlehub logs` shows the hub's side)");
        }
        PhaseStats cell = stats.get(Phase.FIRST_CELL);
        if (cell != null && cell.count() > 0 && cell.p95().compareTo(goal) > 0) {
            findings.add("first cell p95 " + seconds(cell.p95()) + " (the goal: " + seconds(goal) + ")");
            fixes.add("slow first cell: warm the class before it starts (`littlehub class warm`), or stagger the"
                    + " arrivals");
        }
        boolean pass = fixes.isEmpty();
        if (pass) {
            findings.add(
                    0,
                    "this VM holds " + students + " at once: first cell p95 " + seconds(cell.p95())
                            + ", peak memory " + Size.human(load.peakUsed()) + " of " + Size.human(total) + " ("
                            + Size.human(load.headroom()) + " left)");
        } else {
            findings.add(0, "this VM does not hold " + students + " at once");
        }
        return new Verdict(pass, List.copyOf(findings), List.copyOf(fixes));
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
