package io.littlehub.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's soak driver, bounded: for {@code -Dlittlehub.soak.minutes} (default 10, at least 5; more for a longer
 * soak) eight students sign in, start their server, run a cell and sign out again: half stop their server, half leave
 * it running and come back after the culler (set to 60 s, checked every 20 s on this hub) must have stopped it; one
 * more student keeps working in one kernel the whole time. Meanwhile the teacher adds and removes a student, lists the
 * students and takes backups, and every 15 s the hub's and the proxy's resident memory are sampled. It fails when a
 * request fails (each failure names the student, the step, when it began and how long it took), when a server left
 * idle was not culled, when the busy student's server was culled, or when either process's memory grows
 * ({@link MemoryGrowth}) after the first two minutes of warm-up.
 */
class SoakIT {
    private static final int STUDENTS = 8;
    private static final int MINUTES = Integer.getInteger("littlehub.soak.minutes", 10);
    private static final int CULL_TIMEOUT = 60;
    private static final int CULL_EVERY = 20;
    /**
     * Away longer than the culler may take: its timeout, the hub hearing of the server's last activity up to one
     * report late (every {@code CULL_EVERY}), the culler's next check, the server's stop, and a margin.
     */
    private static final Duration AWAY = Duration.ofSeconds(CULL_TIMEOUT + 3 * CULL_EVERY + 30);

    private static final Duration WARM_UP = Duration.ofMinutes(2);
    private static final String BUSY = "soakbusy";

    @AutoClose
    static TeacherLaptop laptop;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** When the load began and ends (System.nanoTime). */
    private long start;

    private long end;
    private final AtomicInteger steps = new AtomicInteger();
    private final AtomicInteger cycles = new AtomicInteger();
    private final AtomicInteger returns = new AtomicInteger();
    private final AtomicInteger busyCells = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> notCulled = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void boot() throws Exception {
        assertTrue(MINUTES >= 5, "littlehub.soak.minutes is at least 5: the culler needs time to act");
        laptop = TeacherLaptop.boot("soak-" + ProcessHandle.current().pid());
    }

    /** Resident memory of a unit's main process, in MiB. */
    static long rssMib(String unit) {
        String pid = laptop.vm
                .check("systemctl", "show", "--property=MainPID", "--value", unit)
                .strip();
        return Long.parseLong(laptop.vm.check("ps", "-o", "rss=", "-p", pid).strip()) / 1024;
    }

    @Test
    void aClassComesAndGoesForMinutesAndNothingFailsGrowsOrIdles() throws Exception {
        // A config change that restarts the hub, before the load.
        laptop.ok(
                "config",
                "set",
                "services.cull",
                "{enabled: true, timeout: " + CULL_TIMEOUT + ", every: " + CULL_EVERY + "}");
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= STUDENTS; i++) {
            names.add(String.format("soak%02d", i));
        }
        List<String> add = new ArrayList<>(List.of("add-student", BUSY));
        add.addAll(names);
        laptop.ok(add.toArray(String[]::new));
        String since = laptop.vm.check("date", "+%Y-%m-%d %H:%M:%S").strip();
        start = System.nanoTime();
        end = start + Duration.ofMinutes(MINUTES).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(STUDENTS + 1);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < STUDENTS; i++) {
            String name = names.get(i);
            boolean leavesItRunning = i % 2 == 1;
            // Arrivals 10 s apart: a soak measures the steady state; a whole class at once is ClassStartIT's.
            Duration arrives = Duration.ofSeconds(10L * (i + 1));
            loops.add(pool.submit(() -> comesAndGoes(name, leavesItRunning, arrives)));
        }
        loops.add(pool.submit(this::keepsWorking));
        Path backups = Files.createDirectories(laptop.home.resolve("soak-backups"));
        List<Long> hub = new ArrayList<>();
        List<Long> proxy = new ArrayList<>();
        int teacherStep = 0;
        System.out.println("SoakIT: seconds  hub MiB  proxy MiB  failed so far");
        while (System.nanoTime() < end) {
            long seconds = seconds();
            long h = rssMib("jupyterhub");
            long p = rssMib("littlehub-proxy");
            if (seconds >= WARM_UP.toSeconds()) {
                hub.add(h);
                proxy.add(p);
            }
            System.out.printf("SoakIT: %7d  %7d  %9d  %d%n", seconds, h, p, failures.size());
            switch (teacherStep++ % 4) {
                case 0 -> laptop.ok("add-student", "visitor");
                case 1 -> laptop.ok("remove-student", "visitor");
                case 2 -> laptop.ok("backup", "--to-dir", backups.toString(), "--no-secrets");
                default -> laptop.ok("students");
            }
            Thread.sleep(15_000);
        }
        for (Future<?> loop : loops) {
            loop.get();
        }
        pool.shutdown();
        String journal = laptop.vm.check("sudo", "journalctl", "-u", "jupyterhub", "--since", since, "--no-pager");
        List<String> culls =
                journal.lines().filter(l -> l.contains("Culling server")).toList();
        long archives;
        try (Stream<Path> files = Files.list(backups)) {
            archives = files.filter(f -> f.toString().endsWith(".tar")).count();
        }
        System.out.printf(
                "SoakIT: %d min, %d students + 1 busy, %d sign-in cycles, %d steps, %d failed; %d servers culled"
                        + " (%d returns to a culled server, %d not culled), busy student's cells %d; %d backups;"
                        + " hub %d -> %d MiB, proxy %d -> %d MiB (after warm-up, first -> last)%n",
                MINUTES,
                STUDENTS,
                cycles.get(),
                steps.get(),
                failures.size(),
                culls.size(),
                returns.get() - notCulled.size(),
                notCulled.size(),
                busyCells.get(),
                archives,
                hub.get(0),
                hub.get(hub.size() - 1),
                proxy.get(0),
                proxy.get(proxy.size() - 1));
        failures.forEach(f -> System.out.println("SoakIT: failed: " + f));
        notCulled.forEach(f -> System.out.println("SoakIT: not culled: " + f));
        culls.forEach(c -> System.out.println("SoakIT: " + c));
        if (!failures.isEmpty()) {
            // The evidence: what the hub logged about the students whose requests failed.
            failures.stream()
                    .map(f -> f.substring(0, f.indexOf(':')))
                    .distinct()
                    .forEach(n -> journal.lines()
                            .filter(l -> l.contains(n))
                            .forEach(l -> System.out.println("SoakIT: journal: " + l)));
        }
        assertEquals(List.of(), List.copyOf(failures), "failed requests");
        assertTrue(cycles.get() >= STUDENTS, "every student came at least once: " + cycles.get());
        assertTrue(returns.get() >= STUDENTS / 2, "every student who left a server running came back to it");
        assertEquals(List.of(), List.copyOf(notCulled), "idle servers the culler left running");
        assertEquals(
                List.of(),
                culls.stream().filter(c -> c.contains(" " + BUSY + " ")).toList(),
                "the busy student's server was culled");
        assertTrue(busyCells.get() >= MINUTES * 3, "the busy student kept working: " + busyCells.get() + " cells");
        Optional<String> hubGrew = MemoryGrowth.unbounded("the hub", hub);
        Optional<String> proxyGrew = MemoryGrowth.unbounded("the proxy", proxy);
        assertEquals(Optional.empty(), hubGrew);
        assertEquals(Optional.empty(), proxyGrew);
    }

    /**
     * One student's loop until the end, from {@code arrives}: sign in, (coming back to a server left running: the culler must have stopped
     * it), start the server, run a cell, stop it or leave it running, sign out, pause.
     */
    private Void comesAndGoes(String name, boolean leavesItRunning, Duration arrives) throws InterruptedException {
        pause(arrives);
        boolean back = false;
        while (System.nanoTime() < end) {
            HubClient c = new HubClient(laptop.base);
            boolean ok =
                    did(name, "sign-in", () -> c.login(name, name + "-password").statusCode() == 200);
            if (ok && back) {
                returns.incrementAndGet();
                JsonNode server = step(
                        name,
                        "look at the server",
                        () -> JSON.readTree(c.get("/hub/api/users/" + name).body())
                                .path("servers")
                                .path(""));
                // A server the culler is still stopping ("pending": "stop") counts as culled.
                if (server != null
                        && !server.isMissingNode()
                        && !"stop".equals(server.path("pending").asText())) {
                    notCulled.add(name + " at " + seconds() + " s, after " + AWAY.toSeconds() + " s away: " + server);
                }
            }
            ok = ok
                    && did(name, "start the server", () -> {
                        c.startServer(name, Duration.ofSeconds(180));
                        return true;
                    })
                    && did(name, "run a cell", () -> "2".equals(c.execute(name, "1 + 1")))
                    && (leavesItRunning
                            || did(name, "stop the server", () -> {
                                c.stopServer(name, Duration.ofSeconds(90));
                                return true;
                            }))
                    && did(name, "sign out", () -> c.get("/hub/logout").statusCode() < 500);
            if (ok) {
                cycles.incrementAndGet();
            }
            back = leavesItRunning;
            if (!pause(leavesItRunning ? AWAY : Duration.ofSeconds(5))) {
                break; // the soak ended while away: a return sooner than AWAY would prove nothing about the culler
            }
        }
        return null;
    }

    /** The busy student: one kernel, a cell every 10 s until the end; its count must go on (the kernel is the same). */
    private Void keepsWorking() throws InterruptedException {
        HubClient c = new HubClient(laptop.base);
        String kernel = step(BUSY, "start a kernel", () -> {
            if (c.login(BUSY, BUSY + "-password").statusCode() != 200) {
                throw new IllegalStateException("sign-in refused");
            }
            c.startServer(BUSY, Duration.ofSeconds(180));
            return c.startKernel(BUSY);
        });
        for (int n = 1; kernel != null && System.nanoTime() < end; n++) {
            String expected = Integer.toString(n);
            if (!did(
                    BUSY,
                    "cell " + n,
                    () -> expected.equals(c.executeIn(BUSY, kernel, "n = globals().get('n', 0) + 1; n")))) {
                return null; // a lost kernel counts 1 again: its server was replaced
            }
            busyCells.incrementAndGet();
            pause(Duration.ofSeconds(10));
        }
        return null;
    }

    /** Sleeps {@code d}, or until the end when that comes first; true when all of {@code d} was slept. */
    private boolean pause(Duration d) throws InterruptedException {
        long untilEnd = end - System.nanoTime();
        long left = Math.min(d.toNanos(), untilEnd);
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
        return d.toNanos() < untilEnd;
    }

    /** {@link #step} of a request that answers true when it went as it should (false is recorded as refused). */
    private boolean did(String name, String what, Callable<Boolean> request) {
        return Boolean.TRUE.equals(step(name, what, request));
    }

    /** Runs one request of {@code name}'s; a failure is recorded with what, when and how long, and gives null. */
    private <T> T step(String name, String what, Callable<T> request) {
        steps.incrementAndGet();
        long began = seconds();
        long t = System.nanoTime();
        try {
            T result = request.call();
            if (Boolean.FALSE.equals(result)) {
                failures.add(name + ": " + what + " at " + began + " s: not as it should be (refused, or a wrong"
                        + " answer)");
                return null;
            }
            return result;
        } catch (Exception e) {
            failures.add(name + ": " + what + " at " + began + " s failed after " + (System.nanoTime() - t) / 1_000_000
                    + " ms: " + e);
            return null;
        }
    }

    private long seconds() {
        return (System.nanoTime() - start) / 1_000_000_000;
    }
}
