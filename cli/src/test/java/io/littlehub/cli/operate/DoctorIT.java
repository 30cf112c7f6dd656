package io.littlehub.cli.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.common.ExitCodes;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 8's doctor on a VM: healthy first; then each fault made for real (a full /home, a broken users' environment,
 * a stale student server unit, a stopped proxy) is named with its fix, and --fix repairs the safe ones.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorIT {
    @AutoClose
    static TeacherLaptop laptop;

    @BeforeAll
    static void boot() throws Exception {
        laptop = TeacherLaptop.boot("doc-" + ProcessHandle.current().pid());
    }

    static JsonNode finding(Run doctor, String check) throws Exception {
        for (JsonNode f : new ObjectMapper().readTree(doctor.out()).path("findings")) {
            if (f.path("check").asText().equals(check) && !f.path("ok").asBoolean()) {
                return f;
            }
        }
        throw new AssertionError("no failed " + check + " finding in " + doctor);
    }

    @Test
    @Order(1)
    void aHealthyHubGetsAHealthyVerdict() {
        Run doctor = laptop.littlehub("doctor");
        assertEquals(ExitCodes.OK, doctor.exit(), doctor.toString());
        assertTrue(doctor.out().contains("verdict: healthy"), doctor.toString());
    }

    @Test
    @Order(2)
    void aFullDiskIsNamedWithTheFix() throws Exception {
        // A small filesystem on /home (the homes copied in, the login's too), filled: the VM's real disk is the host's,
        // which a test must not fill.
        laptop.vm.check(
                "sudo",
                "sh",
                "-c",
                "cp -a /home/. /run/home-aside && mount -t tmpfs -o size=64m tmpfs /home"
                        + " && cp -a /run/home-aside/. /home && fallocate -l 60M /home/filler");
        try {
            Run doctor = laptop.littlehub("doctor", "--json");
            assertEquals(ExitCodes.FAILED, doctor.exit(), doctor.toString());
            JsonNode disk = finding(doctor, "disk");
            assertTrue(disk.path("detail").asText().startsWith("/home (/home) is 9"), disk.toString());
            assertTrue(disk.path("fix").asText().contains("remove-student --archive"), disk.toString());
        } finally {
            laptop.vm.check("sudo", "umount", "--lazy", "/home");
        }
    }

    @Test
    @Order(3)
    void aBrokenUsersEnvironmentPointsToEnvRebuild() throws Exception {
        laptop.vm.check(
                "sudo",
                "sh",
                "-c",
                "mv /opt/littlehub/user/lib/python3*/site-packages/jupyterlab /root/jupyterlab-aside");
        try {
            Run doctor = laptop.littlehub("doctor");
            assertEquals(ExitCodes.FAILED, doctor.exit(), doctor.toString());
            assertTrue(
                    doctor.out().contains("users' environment") && doctor.out().contains("`littlehub env rebuild`"),
                    doctor.toString());
        } finally {
            laptop.vm.check(
                    "sudo",
                    "sh",
                    "-c",
                    "mv /root/jupyterlab-aside \"$(echo /opt/littlehub/user/lib/python3*/site-packages)/jupyterlab\"");
        }
    }

    @Test
    @Order(4)
    void aStaleServerUnitIsStoppedByFix() throws Exception {
        laptop.vm.check("sudo", "systemd-run", "--unit=jupyter-ghost-singleuser", "sleep", "3600");
        Run doctor = laptop.littlehub("doctor", "--json");
        assertEquals(ExitCodes.FAILED, doctor.exit(), doctor.toString());
        assertTrue(
                finding(doctor, "student servers").path("detail").asText().contains("jupyter-ghost-singleuser.service"),
                doctor.toString());
        Run fix = laptop.littlehub("doctor", "--fix");
        assertEquals(ExitCodes.OK, fix.exit(), fix.toString());
        assertTrue(fix.out().contains("fixed: systemctl stop jupyter-ghost-singleuser.service"), fix.toString());
        assertEquals(
                "inactive",
                laptop.vm
                        .exec("systemctl", "is-active", "jupyter-ghost-singleuser")
                        .stdout()
                        .strip());
    }

    @Test
    @Order(5)
    void aStoppedProxyIsStartedByFix() throws Exception {
        // The hub requires the proxy: stopping the proxy stops both.
        laptop.vm.check("sudo", "systemctl", "stop", "littlehub-proxy.service");
        Run doctor = laptop.littlehub("doctor", "--json");
        assertEquals(ExitCodes.FAILED, doctor.exit(), doctor.toString());
        // A stopped proxy shows as failed, and the health timer may start it again at any moment; the hub, stopped with
        // it, stays down until someone starts it.
        assertTrue(
                finding(doctor, "units").path("detail").asText().contains("jupyterhub.service is inactive"),
                doctor.toString());
        finding(doctor, "port");
        Run fix = laptop.littlehub("doctor", "--fix");
        assertEquals(ExitCodes.OK, fix.exit(), fix.toString());
        new HubClient(laptop.base).awaitHub(Duration.ofSeconds(60));
        Run again = laptop.littlehub("doctor");
        assertEquals(ExitCodes.OK, again.exit(), again.toString());
    }
}
