package io.littlehub.cli.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.common.students.UnixNames;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 19's faster cold start, by effect on a provisioned hub: a student's server loads no language-server extension
 * and imports from precompiled bytecode without the slow optional grammar package; the hub and the proxy have their CPU
 * weight in the kernel's cgroup; with the spawn limit reached a start is answered "busy, retry" (429) at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ColdStartIT {
    @AutoClose
    static TeacherLaptop laptop;

    static HubClient ada;

    @BeforeAll
    static void hubWithAStudent() throws Exception {
        laptop = TeacherLaptop.boot("coldstart-" + ProcessHandle.current().pid());
        laptop.ok("add-student", "ada", "bob", "cy");
        ada = laptop.signedInWithServer("ada");
    }

    @Test
    @Order(1)
    void theLanguageServerExtensionIsNotLoadedInAStudentsServer() throws Exception {
        String log = laptop.vm.check("sudo", "journalctl", "-u", UnixNames.unitName("ada"), "--no-pager", "-o", "cat");
        assertTrue(log.contains("jupyterlab | extension was successfully loaded"), log);
        assertTrue(!log.contains("jupyter_lsp | extension was successfully loaded"), log);
        assertEquals(404, ada.get("/user/ada/lsp/status").statusCode(), "jupyter_lsp's handler is not there");
        assertEquals(200, ada.get("/user/ada/api/status").statusCode(), "the server itself answers");
    }

    @Test
    @Order(2)
    void theUsersEnvironmentIsPrecompiledAndHasNoSlowGrammarPackage() throws Exception {
        String missing = laptop.vm.check(
                "/opt/littlehub/user/bin/python",
                "-c",
                String.join(
                        "\n",
                        "import importlib.util, pathlib, sysconfig",
                        "root = pathlib.Path(sysconfig.get_paths()['purelib'])",
                        "py = [p for p in root.rglob('*.py')]",
                        "print(len(py), sum(1 for p in py if not pathlib.Path(importlib.util.cache_from_source(str(p))).exists()))"));
        String[] counts = missing.strip().split(" ");
        assertTrue(Integer.parseInt(counts[0]) > 1000, "site-packages has the environment: " + missing);
        assertEquals("0", counts[1], "every module has its bytecode (py files, without .pyc): " + missing);
        assertEquals(
                "True",
                ada.execute("ada", "import importlib.util; importlib.util.find_spec('rfc3987_syntax') is None"),
                "rfc3987-syntax (a grammar compiled at each import) is not in the students' environment");
    }

    @Test
    @Order(3)
    void theHubAndTheProxyHaveTheirCpuWeightInEffect() {
        for (String unit : new String[] {"jupyterhub.service", "littlehub-proxy.service"}) {
            assertEquals(
                    "CPUWeight=1000",
                    laptop.vm
                            .check("systemctl", "show", "-p", "CPUWeight", unit)
                            .strip());
            // cgroup v1 (this host): systemd writes the weight as cpu.shares = 1000 x 1024 / 100; v2: cpu.weight.
            String v1 = "/sys/fs/cgroup/cpu/system.slice/" + unit + "/cpu.shares";
            String v2 = "/sys/fs/cgroup/system.slice/" + unit + "/cpu.weight";
            String effect = laptop.vm
                    .check("sh", "-c", "cat " + v1 + " 2>/dev/null || cat " + v2)
                    .strip();
            assertTrue(effect.equals("10240") || effect.equals("1000"), unit + ": " + effect);
        }
        String student = laptop.vm.check(
                "sh",
                "-c",
                "cat /sys/fs/cgroup/cpu/system.slice/" + UnixNames.unitName("ada") + ".service/cpu.shares 2>/dev/null"
                        + " || cat /sys/fs/cgroup/cpu/system.slice/cpu.shares");
        assertEquals("1024", student.strip(), "a student's server has the default weight");
    }

    @Test
    @Order(4)
    void theHubReadsEveryOptionOfItsConfig() {
        // JupyterHub only warns about an option it does not know, and the setting silently does nothing.
        String unknown = laptop.vm.check(
                "sh", "-c", "sudo journalctl -u jupyterhub --no-pager -o cat | grep 'not recognized' || true");
        assertEquals("", unknown.strip(), "options the hub ignored");
    }

    @Test
    @Order(5)
    void withTheSpawnLimitReachedAStartIsAnsweredBusyAtOnce() throws Exception {
        laptop.ok("config", "set", "limits.spawns_at_once", "1");
        HubClient bob = new HubClient(laptop.base);
        assertEquals(200, bob.login("bob", "bob-password").statusCode());
        HubClient cy = new HubClient(laptop.base);
        assertEquals(200, cy.login("cy", "cy-password").statusCode());
        // The hub answers a start once it is done or after 10 s (slow_spawn_timeout): bob's runs beside cy's ask.
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return bob.postServer("bob");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        long asked = System.nanoTime();
        HttpResponse<String> busy = cy.postServer("cy");
        long answeredMs = (System.nanoTime() - asked) / 1_000_000;
        assertEquals(429, busy.statusCode(), busy.body());
        assertTrue(busy.body().contains("Try again in"), busy.body());
        // Seconds, as configured (5-15), not JupyterHub's own 30-60: the hub config's retry range is in effect.
        int retryAfter =
                Integer.parseInt(busy.headers().firstValue("Retry-After").orElse("-1"));
        assertTrue(retryAfter >= 5 && retryAfter <= 15, "Retry-After " + retryAfter + ": " + busy.body());
        assertTrue(answeredMs < 10_000, "answered at once, not after a timeout: " + answeredMs + " ms");
        int bobs = first.get().statusCode();
        assertTrue(bobs == 201 || bobs == 202, "bob's start went ahead: " + bobs);
        bob.startServer("bob", Duration.ofSeconds(180));
        cy.startServer("cy", Duration.ofSeconds(180));
        assertEquals("20", cy.execute("cy", "5 * 4"), "once bob's start is done, cy's retry gets a server");
    }
}
