package io.littlehub.cli.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 8's self-healing on a VM: a hub or proxy killed with SIGKILL serves again within seconds (systemd), a hub
 * that hangs (SIGSTOP: running, not answering) is restarted by the health timer. Times are printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfHealingIT {
    @AutoClose
    static TeacherLaptop laptop;

    static HubClient hub;

    @BeforeAll
    static void boot() throws Exception {
        laptop = TeacherLaptop.boot("heal-" + ProcessHandle.current().pid());
        hub = new HubClient(laptop.base);
        assertEquals(
                "active",
                laptop.vm
                        .check("systemctl", "is-active", "littlehub-health.timer")
                        .strip());
    }

    static String mainPid(String unit) {
        return laptop.vm
                .check("systemctl", "show", "-p", "MainPID", "--value", unit)
                .strip();
    }

    /** Milliseconds until the hub answers through the proxy again. */
    static long untilServing(Duration timeout) throws Exception {
        long t = System.nanoTime();
        hub.awaitHub(timeout);
        return (System.nanoTime() - t) / 1_000_000;
    }

    @Test
    @Order(1)
    void aKilledHubOrProxyServesAgainWithinSeconds() throws Exception {
        for (String unit : new String[] {"jupyterhub.service", "littlehub-proxy.service"}) {
            String before = mainPid(unit);
            laptop.vm.check("sudo", "kill", "-9", before);
            long ms = untilServing(Duration.ofSeconds(60));
            System.out.printf("kill -9 %s: the hub serves again after %d ms%n", unit, ms);
            assertNotEquals(before, mainPid(unit));
        }
    }

    @Test
    @Order(2)
    void aHungHubIsRestartedByTheHealthTimer() throws Exception {
        String before = mainPid("jupyterhub.service");
        // One check now, while the hub answers: a hub that answered since it started and then stops is a hang.
        laptop.vm.check("sudo", "systemctl", "start", "littlehub-health.service");
        laptop.vm.check("sudo", "kill", "-STOP", before);
        // The timer runs every minute, then 3 tries a few seconds apart.
        long ms = untilServing(Duration.ofSeconds(240));
        System.out.printf("SIGSTOP hub: restarted by the health timer, serving again after %d ms%n", ms);
        assertNotEquals(before, mainPid("jupyterhub.service"));
        assertTrue(laptop.vm
                .check("sudo", "journalctl", "-u", "littlehub-health.service", "--no-pager", "-q")
                .contains("jupyterhub.service runs but does not answer"));
    }
}
