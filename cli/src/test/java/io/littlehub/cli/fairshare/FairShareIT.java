package io.littlehub.cli.fairshare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.common.students.UnixNames;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 6's proof on a hub VM, by effect: a kernel over its memory limit is killed while another student's kernel
 * answers; the CPU quota throttles a busy loop; students cannot write the environment or /srv/data and admins can; an
 * admin's pip install from a JupyterHub terminal is importable by a student at once; a broken environment is rebuilt;
 * an idle server is culled and an active one is not.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FairShareIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAN_WRITE = String.join(
            "\n",
            "import os",
            "def can_write(path):",
            "    try:",
            "        with open(path, 'w') as f:",
            "            f.write('x')",
            "        os.remove(path)",
            "        return 'yes'",
            "    except OSError:  # PermissionError, or a student's read-only system (EROFS)",
            "        return 'no'",
            "");

    @AutoClose
    static TeacherLaptop laptop;

    static HubClient ada;
    static HubClient bob;
    static HubClient ta;

    static boolean serverRunning(String name) throws Exception {
        for (var s : JSON.readTree(laptop.ok("students", "--json").out())) {
            if (s.path("name").asText().equals(name)) {
                return s.path("server_running").asBoolean();
            }
        }
        return false;
    }

    @BeforeAll
    static void hubWithLimits() throws Exception {
        laptop = TeacherLaptop.boot("fair-" + ProcessHandle.current().pid());
        // Only the roster signs in; an admin's password is the teacher's to set (from a file here).
        laptop.ok("add-student", "ada", "bob");
        laptop.ok(
                "add-admin",
                "ta",
                "--password-file",
                laptop.passwordFile("ta-password").toString());
        laptop.ok("config", "set", "limits.users", "{ada: {memory: 384M}}");
        laptop.ok("config", "set", "limits.cpu", "0.5");
        ada = laptop.signedInWithServer("ada");
        bob = laptop.signedInWithServer("bob");
        ta = laptop.signedInWithServer("ta");
    }

    @Test
    @Order(1)
    void aKernelOverItsMemoryLimitIsKilledAndOthersKeepWorking() throws Exception {
        String unit = UnixNames.unitName("ada");
        assertEquals(
                "MemoryMax=402653184",
                laptop.vm.check("systemctl", "show", "-p", "MemoryMax", unit).strip(),
                "ada's own limit (384M)");
        assertEquals(
                "MemorySwapMax=0",
                laptop.vm
                        .check("systemctl", "show", "-p", "MemorySwapMax", unit)
                        .strip(),
                "no swap beyond the limit");
        assertEquals(
                "MemoryMax=1073741824",
                laptop.vm
                        .check("systemctl", "show", "-p", "MemoryMax", UnixNames.unitName("bob"))
                        .strip(),
                "the default 1G");
        // Twice the limit, really touched (b'x' * n writes every byte; bytearray(n) would only reserve zero pages).
        assertTrue(
                ada.executeIsKilled("ada", "x = b'x' * (768 * 1024 * 1024); len(x)", Duration.ofSeconds(120)),
                "the over-limit kernel is killed");
        assertEquals("20", bob.execute("bob", "5*4"), "another student's kernel keeps answering");
        assertEquals(200, new HubClient(laptop.base).get("/hub/health").statusCode(), "the hub stays up");
        assertEquals(
                "active", laptop.vm.check("systemctl", "is-active", unit).strip(), "ada's server survives its kernel");
        assertEquals("2", ada.execute("ada", "1+1"), "and ada can carry on");
    }

    @Test
    @Order(2)
    void theCpuQuotaThrottlesABusyLoop() throws Exception {
        assertEquals(
                "CPUQuotaPerSecUSec=500ms",
                laptop.vm
                        .check("systemctl", "show", "-p", "CPUQuotaPerSecUSec", UnixNames.unitName("bob"))
                        .strip());
        String share = bob.execute(
                "bob",
                String.join(
                        "\n",
                        "import time",
                        "wall, cpu = time.time(), time.process_time()",
                        "while time.time() - wall < 5:",
                        "    pass",
                        "round((time.process_time() - cpu) / (time.time() - wall), 2)"));
        double fraction = Double.parseDouble(share);
        System.out.println("busy loop under CPUQuota=50%: " + fraction + " of a core");
        assertTrue(fraction < 0.7, "a busy loop gets about half a core, not a whole one: " + fraction);
    }

    @Test
    @Order(3)
    void studentsReadButCannotWriteTheEnvironmentOrSharedDataAndAdminsCan() throws Exception {
        String sitePackages = laptop.vm
                .check("sh", "-c", "ls -d /opt/littlehub/user/lib/python3*/site-packages")
                .strip();
        String check = CAN_WRITE + "(can_write(" + JSON.writeValueAsString(sitePackages + "/probe.txt")
                + "), can_write('/srv/data/probe.txt'))";
        assertEquals("('no', 'no')", bob.execute("bob", check), "a student writes neither");
        assertEquals("('yes', 'yes')", ta.execute("ta", check), "an admin writes both");
        ta.execute("ta", "open('/srv/data/notes.txt', 'w').write('week 1'); 1");
        assertEquals(
                "'week 1'",
                bob.execute("bob", "import os; open(os.path.expanduser('~/data/notes.txt')).read()"),
                "~/data links to /srv/data");
        ada.execute("ada", "open('/tmp/ada-secret', 'w').write('mine'); 1");
        assertEquals(
                "False",
                bob.execute("bob", "import os; os.path.exists('/tmp/ada-secret')"),
                "each server has its own /tmp");
    }

    @Test
    @Order(4)
    void anAdminInstallsFromATerminalAndAStudentImportsAtOnce() throws Exception {
        assertEquals("True", bob.execute("bob", "import importlib.util; importlib.util.find_spec('tabulate') is None"));
        String out = ta.terminal("ta", "pip install tabulate==0.9.0", "INSTALL-DONE", Duration.ofSeconds(240));
        assertTrue(out.contains("Successfully installed tabulate-0.9.0"), out);
        assertEquals("'0.9.0'", bob.execute("bob", "import tabulate; tabulate.__version__"), "no restart needed");
        assertEquals(
                "False",
                bob.execute("bob", "import os, tabulate; os.access(tabulate.__file__, os.W_OK)"),
                "what an admin installed is still read-only for students");
        laptop.ok("env", "list");
    }

    @Test
    @Order(5)
    void aBrokenEnvironmentIsRebuiltFromTheRecord() throws Exception {
        laptop.vm.check("sudo", "sh", "-c", "rm -rf /opt/littlehub/user/lib/python3*/site-packages");
        assertFalse(
                laptop.vm
                        .exec("/opt/littlehub/user/bin/python", "-c", "import ipykernel")
                        .ok(),
                "the environment is broken");
        String rebuilt = laptop.ok("env", "rebuild").out();
        System.out.println(rebuilt);
        assertEquals(
                "'0.9.0'",
                bob.execute("bob", "import tabulate, ipykernel; tabulate.__version__"),
                "imports work again, the admin's package too");
    }

    @Test
    @Order(6)
    void anIdleServerIsCulledAndAnActiveOneIsNot() throws Exception {
        laptop.ok("config", "set", "services.cull", "{enabled: true, timeout: 60, every: 10}");
        // Until now the hub heard of activity every 300 s, so the culler's first rounds stop both servers as idle:
        // let them, then start fresh ones and measure from there.
        Instant settled = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(settled) && (serverRunning("ada") || serverRunning("bob"))) {
            Thread.sleep(5_000);
        }
        ada = laptop.signedInWithServer("ada");
        bob = laptop.signedInWithServer("bob");
        Instant end = Instant.now().plusSeconds(130);
        while (Instant.now().isBefore(end)) {
            assertEquals("1", bob.execute("bob", "1"));
            Thread.sleep(10_000);
        }
        assertFalse(serverRunning("ada"), "ada's idle server was culled");
        assertTrue(serverRunning("bob"), "bob's busy server was not");
    }
}
