package io.littlehub.cli.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.common.ExitCodes;
import io.littlehub.testvm.TestVms;
import io.littlehub.testvm.Vm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's reboot on a real kernel. A student signs up and writes a file through her server on an nspawn VM (fast),
 * the hub is stopped cleanly and the VM saved; a QEMU VM boots from that (software emulation here, so slow) and is
 * rebooted. Afterwards the hub, the proxy and the health timer run again, the student signs in with her password and
 * her file is intact. Times printed.
 */
class RebootIT {
    @Test
    void aRebootBringsTheHubBackAndLosesNothing() throws Exception {
        TestVms vms = TestVms.open();
        String snapshot = "reboot-" + ProcessHandle.current().pid();
        try (TeacherLaptop nspawn =
                TeacherLaptop.boot("rbn-" + ProcessHandle.current().pid())) {
            assertEquals(ExitCodes.OK, nspawn.littlehub("add-student", "ada").exit());
            HubClient ada = new HubClient(nspawn.base);
            assertEquals(200, ada.login("ada", "ada-password").statusCode());
            ada.startServer("ada", Duration.ofSeconds(180));
            ada.execute("ada", "open('notes.txt', 'w').write('written before the reboot')");
            // A clean stop, so the saved hub database is whole.
            nspawn.vm.check("sudo", "systemctl", "stop", "jupyterhub.service");
            vms.snapshot(nspawn.vm.name(), snapshot);
        }
        try (TeacherLaptop laptop =
                TeacherLaptop.bootQemu("reb-" + ProcessHandle.current().pid(), snapshot)) {
            long t = System.nanoTime();
            String bootBefore = laptop.vm.bootId();
            Vm rebooted = vms.reboot(laptop.vm);
            long ssh = (System.nanoTime() - t) / 1_000_000;
            assertNotEquals(bootBefore, rebooted.bootId());
            HubClient ada = new HubClient(laptop.base);
            ada.awaitHub(Duration.ofSeconds(600));
            assertEquals(200, ada.login("ada", "ada-password").statusCode());
            assertEquals(
                    laptop.base + "/hub/home",
                    ada.get("/hub/home").uri().toString(),
                    "signed in, not sent back to the login page");
            System.out.printf(
                    "reboot: SSH back after %d ms, a working sign-in after %d ms%n",
                    ssh, (System.nanoTime() - t) / 1_000_000);
            for (String unit :
                    new String[] {"jupyterhub.service", "littlehub-proxy.service", "littlehub-health.timer"}) {
                assertEquals(
                        "active", rebooted.check("systemctl", "is-active", unit).strip(), unit);
            }
            assertEquals("written before the reboot", rebooted.check("sudo", "cat", "/home/jupyter-ada/notes.txt"));
            rebooted.close();
        } finally {
            vms.deleteSnapshot(snapshot);
        }
    }
}
