package io.littlehub.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.testvm.Vm;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the VM runs out of memory. A memory limit on the VM's own cgroup stands in for a small machine (the
 * test VM's root memory cgroup, which the VM's processes all live under): a student's kernel holds most of what is
 * left, a later start is refused at once with the reason, then the kernel allocates until the kernel's OOM killer
 * acts. It kills the student's kernel (OOMScoreAdjust 500), never the hub, the proxy or sshd (-900): the same
 * processes answer afterwards; the other student's server keeps working. The scores are read from /proc (what the
 * kernel applies, not what a unit file asks: the nspawn VMs have CAP_SYS_RESOURCE for this), for the agent too
 * (OomShield), and again after a hub restart.
 */
class MemoryPressureIT {
    private static final long MIB = 1 << 20;
    private static final String CGROUP = "/sys/fs/cgroup/memory/";
    private static final List<String> SPARED = List.of("jupyterhub", "littlehub-proxy", "ssh");

    @AutoClose
    static TeacherLaptop laptop;

    static Vm vm;

    @BeforeAll
    static void boot() throws Exception {
        laptop = TeacherLaptop.boot("mem-" + ProcessHandle.current().pid());
        vm = laptop.vm;
    }

    static String show(String unit, String property) {
        return vm.check("systemctl", "show", "--property=" + property, "--value", unit)
                .strip();
    }

    static Map<String, String> sparedPids() {
        Map<String, String> pids = new TreeMap<>();
        SPARED.forEach(unit -> pids.put(unit, show(unit, "MainPID")));
        return pids;
    }

    /** What the VM's processes use now, page cache that can be dropped left out (as the hub's check counts it). */
    static long workingSet() {
        long usage =
                Long.parseLong(vm.check("cat", CGROUP + "memory.usage_in_bytes").strip());
        long inactive = vm.check("cat", CGROUP + "memory.stat")
                .lines()
                .filter(l -> l.startsWith("total_inactive_file "))
                .mapToLong(l -> Long.parseLong(l.split(" ")[1]))
                .findFirst()
                .orElse(0);
        return usage - inactive;
    }

    /** The OOM score the kernel applies to a process, as /proc shows it. */
    static String score(String pid) {
        return vm.check("cat", "/proc/" + pid + "/oom_score_adj").strip();
    }

    static void assertSpared(Map<String, String> pids) {
        pids.forEach((unit, pid) -> assertEquals("-900", score(pid), unit + " (pid " + pid + ") in /proc"));
    }

    /**
     * The agent's own score while it runs: a status run in the background, its java process looked at every 50 ms
     * until it shows a score other than 0 (OomShield writes it first thing; before that the JVM starts at 0).
     */
    static String agentScore() {
        return vm.check(
                        "sh",
                        "-c",
                        "sudo littlehub-agent status >/dev/null 2>&1 & i=0; while [ $i -lt 200 ]; do"
                                + " for p in $(pgrep -x java); do"
                                + " if grep -q littlehub-agent /proc/$p/cmdline 2>/dev/null; then"
                                + " s=$(cat /proc/$p/oom_score_adj 2>/dev/null);"
                                + " if [ -n \"$s\" ] && [ \"$s\" != 0 ]; then echo \"$s\"; wait; exit 0; fi; fi; done;"
                                + " i=$((i + 1)); sleep 0.05; done; wait; echo 'no agent process with a score other than 0'")
                .strip();
    }

    @Test
    void theVmOutOfMemoryKillsAStudentsKernelAndRefusesNewServers() throws Exception {
        for (String unit : SPARED) {
            assertTrue(vm.check("systemctl", "cat", unit).contains("OOMScoreAdjust=-900"), unit);
        }
        assertSpared(sparedPids());
        assertEquals("-900", agentScore(), "the agent's own shield (OomShield)");
        vm.check("sudo", "systemctl", "restart", "jupyterhub");
        new HubClient(laptop.base).awaitHub(Duration.ofSeconds(120));
        assertSpared(sparedPids());
        laptop.ok("add-student", "hog", "calm", "late");
        HubClient hog = laptop.signedInWithServer("hog");
        HubClient calm = laptop.signedInWithServer("calm");
        String hogUnit = "jupyter-hog-singleuser";
        assertEquals("500", show(hogUnit, "OOMScoreAdjust"));
        assertEquals("500", score(show(hogUnit, "MainPID")));
        Map<String, String> before = sparedPids();

        // A small machine: 700 MiB more than the VM uses now.
        long limit = workingSet() + 700 * MIB;
        vm.check("sudo", "sh", "-c", "echo " + limit + " > " + CGROUP + "memory.limit_in_bytes");
        System.out.printf("MemoryPressureIT: the VM's memory limited to %d MiB%n", limit / MIB);
        String kernel = hog.startKernel("hog");
        assertEquals("500", hog.executeIn("hog", kernel, "held = b'x' * (500 * 2**20); len(held) // 2**20"));

        HubClient late = new HubClient(laptop.base);
        assertEquals(200, late.login("late", "late-password").statusCode());
        long t = System.nanoTime();
        HttpResponse<String> start = late.postServer("late");
        String progress = late.get("/hub/api/users/late/server/progress").body();
        long refusedMs = (System.nanoTime() - t) / 1_000_000;
        System.out.printf(
                "MemoryPressureIT: late's start answered %d in %d ms: %s | progress: %s%n",
                start.statusCode(), refusedMs, start.body(), progress);
        assertTrue(
                (start.body() + progress).contains("This hub's machine is out of memory"),
                start.body() + "\n" + progress);
        assertTrue(refusedMs < 30_000, "refused at once, not after the start timeout: " + refusedMs + " ms");

        long killed = System.nanoTime();
        assertTrue(
                hog.executeIsKilled(
                        "hog", "more = []\nwhile True:\n    more.append(b'y' * (50 * 2**20))", Duration.ofSeconds(180)),
                "the OOM killer took hog's kernel");
        System.out.printf(
                "MemoryPressureIT: hog's kernel killed after %d ms%n", (System.nanoTime() - killed) / 1_000_000);
        assertEquals(before, sparedPids(), "hub, proxy and sshd were not killed");
        assertSpared(before);
        assertEquals(200, new HubClient(laptop.base).get("/hub/health").statusCode());
        assertEquals("2", calm.execute("calm", "1 + 1"), "the other student's server still works");
        String oom = vm.check(
                "sh", "-c", "journalctl -k --no-pager | grep -i -E 'out of memory|oom-kill' | tail -5 || true");
        System.out.println("MemoryPressureIT: kernel log: " + oom);
        vm.check("sudo", "sh", "-c", "echo -1 > " + CGROUP + "memory.limit_in_bytes");
    }
}
