package io.littlehub.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Issue 21's soak driver, bounded: for {@code -Dlittlehub.soak.minutes} (default 3; 10 or more for a real soak)
 * students sign in, start their server, run a cell and sign out again, while idle servers are culled, the teacher adds
 * and removes students and takes a backup. Every 15 s it prints the hub's and the proxy's resident memory; at the end
 * the failed requests. No request may fail, and neither process may grow without bound (the last sample at most
 * twice the first after warm-up, plus 100 MiB).
 */
class SoakIT {
    private static final int STUDENTS = 8;
    private static final int MINUTES = Integer.getInteger("littlehub.soak.minutes", 3);

    @AutoClose
    static TeacherLaptop laptop;

    @BeforeAll
    static void boot() throws Exception {
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
    void aClassComesAndGoesForMinutesAndNothingFailsOrGrows() throws Exception {
        // Idle servers are stopped within a minute and a half (a config change that restarts the hub, before the load).
        laptop.ok("config", "set", "services.cull", "{enabled: true, timeout: 60, every: 20}");
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= STUDENTS; i++) {
            names.add(String.format("soak%02d", i));
        }
        List<String> add = new ArrayList<>(List.of("add-student"));
        add.addAll(names);
        laptop.ok(add.toArray(String[]::new));
        long end = System.nanoTime() + Duration.ofMinutes(MINUTES).toNanos();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger cycles = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(STUDENTS);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < STUDENTS; i++) {
            String name = names.get(i);
            boolean leavesItRunning = i % 2 == 1;
            loops.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        HubClient c = new HubClient(laptop.base);
                        requests.incrementAndGet();
                        if (c.login(name, name + "-password").statusCode() != 200) {
                            failures.add(name + ": sign-in refused");
                            continue;
                        }
                        requests.incrementAndGet();
                        c.startServer(name, Duration.ofSeconds(180));
                        requests.incrementAndGet();
                        String two = c.execute(name, "1 + 1");
                        if (!"2".equals(two)) {
                            failures.add(name + ": 1 + 1 gave " + two);
                        }
                        if (!leavesItRunning) {
                            requests.incrementAndGet();
                            c.stopServer(name, Duration.ofSeconds(90));
                        }
                        requests.incrementAndGet();
                        c.get("/hub/logout");
                        cycles.incrementAndGet();
                        // A student who leaves the server running comes back after the culler took it.
                        Thread.sleep(leavesItRunning ? 90_000 : 5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    } catch (Exception e) {
                        failures.add(name + ": " + e);
                    }
                }
                return null;
            }));
        }
        Path backups = Files.createDirectories(laptop.home.resolve("soak-backups"));
        List<long[]> samples = new ArrayList<>();
        int teacherStep = 0;
        long start = System.nanoTime();
        System.out.println("SoakIT: seconds  hub MiB  proxy MiB  failed so far");
        while (System.nanoTime() < end) {
            long[] sample = {
                (System.nanoTime() - start) / 1_000_000_000, rssMib("jupyterhub"), rssMib("littlehub-proxy")
            };
            samples.add(sample);
            System.out.printf("SoakIT: %7d  %7d  %9d  %d%n", sample[0], sample[1], sample[2], failures.size());
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
        long culled = Long.parseLong(laptop.vm
                .check("sh", "-c", "journalctl -u jupyterhub --no-pager | grep -c 'Culling server' || true")
                .strip());
        long archives;
        try (Stream<Path> files = Files.list(backups)) {
            archives = files.filter(f -> f.toString().endsWith(".tar")).count();
        }
        System.out.printf(
                "SoakIT: %d min, %d students, %d sign-in cycles, %d requests, %d failed, %d servers culled,"
                        + " %d backups; hub %d -> %d MiB, proxy %d -> %d MiB%n",
                MINUTES,
                STUDENTS,
                cycles.get(),
                requests.get(),
                failures.size(),
                culled,
                archives,
                samples.get(0)[1],
                samples.get(samples.size() - 1)[1],
                samples.get(0)[2],
                samples.get(samples.size() - 1)[2]);
        failures.forEach(f -> System.out.println("SoakIT: failed: " + f));
        assertEquals(List.of(), List.copyOf(failures), "failed requests");
        assertTrue(cycles.get() >= STUDENTS, "every student came at least once: " + cycles.get());
        long[] warm = samples.get(Math.min(2, samples.size() - 1));
        long[] last = samples.get(samples.size() - 1);
        assertTrue(last[1] <= 2 * warm[1] + 100, "the hub's memory grew: " + warm[1] + " -> " + last[1] + " MiB");
        assertTrue(last[2] <= 2 * warm[2] + 100, "the proxy's memory grew: " + warm[2] + " -> " + last[2] + " MiB");
    }
}
