package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.release.SemVer;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 21: two teachers (alice and bob, two command lines at once against one hub) change it at the same moment.
 * The hub's change lock serialises them: each succeeds, or is told who holds the lock (what, who, since when) and
 * nothing of it happened; the hub ends as some serial order of the two leaves it. Also the health timer and a proxy
 * stopped on purpose: the timer leaves it stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentTeachersIT {
    private static final String NEXT = new SemVer(
                    SemVer.parse(BuildInfo.version()).major(),
                    SemVer.parse(BuildInfo.version()).minor() + 1,
                    0)
            .toString();

    static TeacherLaptop laptop;
    static final ExecutorService TWO_LAPTOPS = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void boot() throws Exception {
        laptop = TeacherLaptop.boot("conc-" + ProcessHandle.current().pid());
    }

    @AfterAll
    static void close() {
        TWO_LAPTOPS.shutdownNow();
        if (laptop != null) {
            laptop.close();
        }
    }

    private static Run as(String teacher, String... args) {
        return laptop.run(Map.of("USER", teacher), args);
    }

    /**
     * Both at once; each must have succeeded or been told who held the lock (what, who, since when). The agent's
     * lines of {@code provision} go to the process's stderr (the teacher's terminal), so it is copied here too.
     */
    private static List<Run> atOnce(Callable<Run> alice, Callable<Run> bob) throws Exception {
        PrintStream terminal = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setErr(new PrintStream(
                new OutputStream() {
                    @Override
                    public synchronized void write(int b) {
                        terminal.write(b);
                        copy.write(b);
                    }

                    @Override
                    public synchronized void write(byte[] b, int off, int len) {
                        terminal.write(b, off, len);
                        copy.write(b, off, len);
                    }
                },
                true,
                StandardCharsets.UTF_8));
        List<Run> runs;
        try {
            Future<Run> a = TWO_LAPTOPS.submit(alice);
            Future<Run> b = TWO_LAPTOPS.submit(bob);
            runs = List.of(a.get(20, TimeUnit.MINUTES), b.get(20, TimeUnit.MINUTES));
        } finally {
            System.setErr(terminal);
        }
        String told = runs.get(0).err() + runs.get(1).err() + copy.toString(StandardCharsets.UTF_8);
        String both = "alice: " + runs.get(0) + "\nbob: " + runs.get(1) + "\nterminal:\n" + copy;
        for (Run r : runs) {
            assertTrue(
                    r.exit() == ExitCodes.OK || r.exit() == ExitCodes.LOCKED && told.contains("the hub is busy with"),
                    both);
        }
        told.lines()
                .filter(l -> l.contains("waiting up to") || l.contains("the hub is busy with"))
                .forEach(l -> System.out.println("told: " + l));
        assertTrue(
                told.contains("waiting up to") && told.contains(", held by "),
                "one waited for the other, told who held the lock:\n" + both);
        return runs;
    }

    @Test
    @Order(1)
    void theHealthTimerLeavesAProxyStoppedOnPurposeStopped() {
        laptop.vm.check("sudo", "systemctl", "stop", "littlehub-proxy.service");
        assertEquals(
                "inactive",
                laptop.vm
                        .exec("systemctl", "is-active", "littlehub-proxy.service")
                        .stdout()
                        .strip());
        laptop.vm.check("sudo", "littlehub-agent", "heal");
        assertEquals(
                "inactive",
                laptop.vm
                        .exec("systemctl", "is-active", "littlehub-proxy.service")
                        .stdout()
                        .strip(),
                "heal started a proxy stopped on purpose");
        laptop.vm.check("sudo", "systemctl", "start", "littlehub-proxy.service", "jupyterhub.service");
    }

    @Test
    @Order(2)
    void provisionAndEnvInstallAtOnceAreSerialised() throws Exception {
        List<Run> runs = atOnce(
                () -> as(
                        "alice",
                        "provision",
                        laptop.vm.user() + "@127.0.0.1",
                        "-p",
                        Integer.toString(laptop.vm.sshPort()),
                        "-i",
                        laptop.vm.identity().toString(),
                        "--yes",
                        "--hub",
                        "test-hub"),
                () -> as("bob", "env", "install", "--wait", "900", "--", "tabulate==0.9.0"));
        if (runs.get(1).exit() == ExitCodes.OK) {
            assertTrue(laptop.vm
                    .check("/opt/littlehub/user/bin/pip", "show", "tabulate")
                    .contains("Version: 0.9.0"));
        }
        new HubClient(laptop.base).awaitHub(Duration.ofSeconds(120));
        assertEquals("", HubChanges.lockHolders(laptop), "nobody holds the lock afterwards");
    }

    @Test
    @Order(3)
    void upgradeAndConfigSetAtOnceEndAsSomeSerialOrder() throws Exception {
        byte[] next = ReleaseJars.release(NEXT, Map.of());
        List<Run> runs = atOnce(
                () -> HubChanges.upgrade(laptop, "alice", null, next, null),
                () -> as("bob", "config", "set", "limits.memory", "700M", "--wait", "900"));
        assertEquals(ExitCodes.OK, runs.get(0).exit(), runs.get(0).toString());
        Run set = runs.get(1);
        if (set.exit() != ExitCodes.OK) {
            // Told who held the lock, or that the hub moved to another release while it waited: bob runs it again.
            assertTrue(Set.of(ExitCodes.LOCKED, ExitCodes.UNSUPPORTED).contains(set.exit()), set.toString());
            set = as("bob", "config", "set", "limits.memory", "700M");
            assertEquals(ExitCodes.OK, set.exit(), set.toString());
        }
        assertTrue(laptop.vm.check("readlink", "/opt/littlehub/current").strip().endsWith("/" + NEXT));
        assertTrue(laptop.vm.check("sudo", "cat", "/etc/littlehub/config.yaml").contains("memory: 700M"));
        new HubClient(laptop.base).awaitHub(Duration.ofSeconds(120));
        assertEquals("", HubChanges.lockHolders(laptop), "nobody holds the lock afterwards");
    }
}
