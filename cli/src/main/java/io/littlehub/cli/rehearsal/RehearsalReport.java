package io.littlehub.cli.rehearsal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.littlehub.cli.sizing.Size;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/** The rehearsal's outcome for the teacher (a table, the load, the verdict, the plot's file) or, with --json, scripts. */
public final class RehearsalReport {
    private RehearsalReport() {}

    public static String plot(Rehearsal.Outcome o) {
        return KernelPlot.html("Class start rehearsal: " + o.plan().students() + " students", o.runs());
    }

    public static void text(Rehearsal.Outcome o, Path plot, PrintStream out) {
        long failed = o.runs().stream().filter(StudentRun::failed).count();
        int busy = StudentRun.total(o.runs(), StudentRun::busyRetries);
        out.printf(
                "%d students%s, %d s ramp: %d through, %d failed%s%n",
                o.plan().students(),
                o.plan().warm() ? " (warmed)" : "",
                o.plan().ramp().toSeconds(),
                o.runs().size() - failed,
                failed,
                busy == 0 ? "" : ", " + busy + " busy retries (the hub said 429: they paused and asked again)");
        out.printf("%-14s %8s %8s %8s%n", "from arrival", "p50", "p95", "max");
        o.stats()
                .forEach((phase, s) -> out.printf(
                        "%-14s %8s %8s %8s%n", phase.label(), seconds(s.p50()), seconds(s.p95()), seconds(s.max())));
        if (busy > 0) {
            out.println("busy retries: " + byStudent(countsByStudent(o, StudentRun::busyRetries)));
        }
        Map<String, Integer> failedStarts = countsByStudent(o, StudentRun::failedStarts);
        if (!failedStarts.isEmpty()) {
            out.println("failed starts, started again: " + byStudent(failedStarts));
        }
        VmLoad l = o.load();
        out.printf(
                Locale.ROOT,
                "VM: peak memory %s of %s (%s left), peak CPU %.0f %%, peak load %.2f%n",
                Size.human(l.peakUsed()),
                Size.human(l.memoryTotal()),
                Size.human(l.headroom()),
                l.peakCpuPercent(),
                l.peakLoad());
        o.runs().stream()
                .filter(StudentRun::failed)
                .forEach(r -> out.println(
                        "failed: " + r.name() + " at " + r.failedIn().label() + ": " + r.reason()));
        out.println((o.verdict().pass() ? "PASS: " : "FAIL: ")
                + String.join("; ", o.verdict().findings()));
        o.verdict().fixes().forEach(f -> out.println("fix: " + f));
        out.println("plot: " + plot);
    }

    /** When the last student to get in had their first cell answered, from the class's start; empty if none did. */
    static Optional<Duration> classIn(List<StudentRun> runs) {
        return runs.stream()
                .filter(r -> r.reached().containsKey(Phase.FIRST_CELL))
                .map(r -> r.startedAt().plus(r.reached().get(Phase.FIRST_CELL)))
                .max(Duration::compareTo);
    }

    public static String json(Rehearsal.Outcome o, Path plot) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("students", o.plan().students());
        root.put("ramp_s", o.plan().ramp().toSeconds());
        root.put("warm", o.plan().warm());
        root.put("pass", o.verdict().pass());
        // When the class started and when its last student was in (seconds from then): the window a bench reads the
        // VM's CPU in.
        root.put("started_at", o.startedAt().toString());
        classIn(o.runs())
                .ifPresentOrElse(d -> root.put("class_in_s", d.toMillis() / 1000.0), () -> root.putNull("class_in_s"));
        root.set("findings", json.valueToTree(o.verdict().findings()));
        root.set("fixes", json.valueToTree(o.verdict().fixes()));
        ObjectNode phases = root.putObject("phases");
        o.stats().forEach((phase, s) -> {
            ObjectNode p = phases.putObject(phase.label());
            p.put("count", s.count());
            p.put("p50_s", secondsOrNull(s.p50()));
            p.put("p95_s", secondsOrNull(s.p95()));
            p.put("max_s", secondsOrNull(s.max()));
        });
        ArrayNode failures = root.putArray("failures");
        o.runs().stream()
                .filter(StudentRun::failed)
                .forEach(r -> failures.addObject()
                        .put("student", r.name())
                        .put("phase", r.failedIn().label())
                        .put("reason", r.reason())
                        .put("busy_retries", r.busyRetries()));
        root.put("busy_retries", StudentRun.total(o.runs(), StudentRun::busyRetries));
        root.set("busy_retries_by_student", json.valueToTree(countsByStudent(o, StudentRun::busyRetries)));
        root.put("failed_starts", StudentRun.total(o.runs(), StudentRun::failedStarts));
        root.set("failed_starts_by_student", json.valueToTree(countsByStudent(o, StudentRun::failedStarts)));
        ObjectNode vm = root.putObject("vm");
        vm.put("memory_total_bytes", o.load().memoryTotal());
        vm.put("memory_peak_bytes", o.load().peakUsed());
        vm.put("memory_headroom_bytes", o.load().headroom());
        vm.put("cpu_peak_percent", Math.round(o.load().peakCpuPercent()));
        vm.put("load_peak", o.load().peakLoad());
        root.set("swept", json.valueToTree(o.swept()));
        root.put("plot", plot.toString());
        return root.toString();
    }

    /** The students with a count above 0 ({@code count}: busy retries, failed starts), in name order. */
    private static Map<String, Integer> countsByStudent(Rehearsal.Outcome o, ToIntFunction<StudentRun> count) {
        Map<String, Integer> counts = new TreeMap<>();
        o.runs().stream().filter(r -> count.applyAsInt(r) > 0).forEach(r -> counts.put(r.name(), count.applyAsInt(r)));
        return counts;
    }

    /** "name ×n, other ×m". */
    private static String byStudent(Map<String, Integer> counts) {
        return String.join(
                ", ",
                counts.entrySet().stream()
                        .map(e -> e.getKey() + " ×" + e.getValue())
                        .toList());
    }

    private static String seconds(Duration d) {
        return d == null ? "-" : Verdict.seconds(d);
    }

    private static Double secondsOrNull(Duration d) {
        return d == null ? null : d.toMillis() / 1000.0;
    }
}
