package io.littlehub.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: roster, admin and ban changes reach the running hub without a restart. 20 signed-in students load hub
 * pages in a loop while the teacher runs add-student, add-admin and remove-student: no request fails, the hub's
 * process is the same before and after, the late student signs in, the new admin sees the admin page at once (same
 * session) and the removed student cannot sign in.
 */
class RosterWithoutRestartIT {
    private static final int STUDENTS = 20;

    @AutoClose
    static TeacherLaptop laptop;

    @BeforeAll
    static void boot() throws Exception {
        laptop = TeacherLaptop.boot("roster-" + ProcessHandle.current().pid());
    }

    static String hubPid() {
        return laptop.vm
                .check("systemctl", "show", "--property=MainPID", "--value", "jupyterhub")
                .strip();
    }

    static boolean signsIn(HubClient client, String name) throws Exception {
        HttpResponse<String> r = client.login(name, name + "-password");
        return r.statusCode() == 200 && !r.uri().getPath().endsWith("/hub/login");
    }

    @Test
    void rosterChangesWhileAClassLoadsPagesFailNoRequest() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= STUDENTS; i++) {
            names.add(String.format("s%02d", i));
        }
        List<String> add = new ArrayList<>(List.of("add-student", "leaving"));
        add.addAll(names);
        laptop.ok(add.toArray(String[]::new));
        List<HubClient> class20 = new ArrayList<>();
        for (String name : names) {
            HubClient c = new HubClient(laptop.base);
            assertTrue(signsIn(c, name), name + " signs in");
            class20.add(c);
        }
        assertEquals(403, class20.get(1).get("/hub/admin").statusCode(), "s02 is no admin yet");
        assertTrue(signsIn(new HubClient(laptop.base), "leaving"), "leaving signs in (a password is stored)");
        String pidBefore = hubPid();

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(STUDENTS);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < STUDENTS; i++) {
            HubClient c = class20.get(i);
            String name = names.get(i);
            loops.add(pool.submit(() -> {
                while (loading.get()) {
                    requests.incrementAndGet();
                    try {
                        HttpResponse<String> r = c.get("/hub/home");
                        if (r.statusCode() != 200) {
                            failures.add(name + ": " + r.statusCode());
                        }
                    } catch (Exception e) {
                        failures.add(name + ": " + e);
                    }
                }
                return null;
            }));
        }
        long t = System.nanoTime();
        laptop.ok("add-student", "late");
        laptop.ok("add-admin", "s02");
        laptop.ok("remove-student", "leaving");
        Thread.sleep(3000);
        loading.set(false);
        for (Future<?> loop : loops) {
            loop.get();
        }
        pool.shutdown();
        System.out.printf(
                "RosterWithoutRestartIT: %d page loads by %d students during add-student, add-admin, remove-student"
                        + " (%d s): %d failed%n",
                requests.get(), STUDENTS, (System.nanoTime() - t) / 1_000_000_000, failures.size());
        assertEquals(List.of(), List.copyOf(failures), "failed requests");
        assertTrue(requests.get() > STUDENTS * 5, "the students kept loading pages: " + requests.get());
        assertEquals(pidBefore, hubPid(), "the hub was not restarted");

        assertTrue(signsIn(new HubClient(laptop.base), "late"), "the late student signs in (roster read again)");
        assertEquals(200, class20.get(1).get("/hub/admin").statusCode(), "s02 is an admin in the same session");
        assertTrue(!signsIn(new HubClient(laptop.base), "leaving"), "the removed student is refused");
        assertEquals(pidBefore, hubPid(), "still the same hub");
    }
}
