package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.browser.HeadlessChromium;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.cli.transport.SshTarget;
import io.littlehub.common.ExitCodes;
import io.littlehub.testvm.Vm;
import io.littlehub.testvm.junit.TestVm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Issue 2's proof: a fresh VM provisioned from the laptop side; a student logs in, gets a server, runs a cell. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestVm(backend = "nspawn")
    static Vm vm;

    static Path home;
    static List<JsonNode> firstRun;

    static List<JsonNode> provision(boolean check) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Provisioner p = new Provisioner(
                new PrintStream(buf, true, StandardCharsets.UTF_8), new HubRegistry(home.resolve("config")));
        int exit = p.run(
                new Provisioner.Request(
                        new SshTarget(vm.user(), "127.0.0.1", vm.sshPort(), vm.identity()),
                        List.of("teacher"),
                        null,
                        check,
                        true,
                        true,
                        "test-hub",
                        "http://127.0.0.1:" + vm.httpPort() + "/"),
                SshOptions.defaults()
                        .withHome(home)
                        .withKnownHosts(home.resolve("known_hosts"))
                        .withAcceptNewHostKeys(true)
                        .withAgentSocket(null));
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertEquals(ExitCodes.OK, exit, out);
        return out.lines()
                .filter(l -> l.startsWith("{"))
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    static JsonNode recap(List<JsonNode> events) {
        return events.stream()
                .filter(e -> e.path("event").asText().equals("recap"))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @BeforeAll
    static void provisionAFreshVm() throws Exception {
        home = Files.createTempDirectory("littlehub-provision-it");
        firstRun = provision(false);
    }

    @Test
    @Order(1)
    void aFreshProvisionSucceedsAndRemembersTheHub() {
        JsonNode recap = recap(firstRun);
        assertEquals(0, recap.path("failed").asInt());
        assertTrue(recap.path("changed").asInt() > 10, recap.toString());
        assertTrue(
                firstRun.stream()
                        .noneMatch(e -> e.toString().contains("CONFIGPROXY_AUTH_TOKEN=")
                                && e.toString().matches(".*[0-9a-f]{64}.*")),
                "no event shows a secret");
        assertEquals(
                "http://127.0.0.1:" + vm.httpPort() + "/",
                new HubRegistry(home.resolve("config")).find(null).orElseThrow().url());
    }

    @Test
    @Order(2)
    void aStudentLogsInGetsTheirOwnUnitAndRunsACell() throws Exception {
        HubClient student = new HubClient("http://127.0.0.1:" + vm.httpPort());
        assertEquals(200, student.get("/hub/login").statusCode());
        // Only the roster signs in: the admin on the VM adds the students (student2 signs in with a browser below).
        vm.check("sudo", "littlehub-agent", "add-student", "student1", "student2");
        var login = student.login("student1", "first-password-1");
        assertTrue(
                !login.uri().getPath().endsWith("/hub/login"),
                "logged in, not sent back to the login page: " + login.uri());
        student.startServer("student1", Duration.ofSeconds(180));
        assertEquals(
                "active",
                vm.check("systemctl", "is-active", "jupyter-student1-singleuser")
                        .strip());
        assertEquals(
                0,
                vm.exec("pgrep", "-u", "jupyter-student1", "-f", "jupyterhub-singleuser")
                        .exitCode(),
                "the server runs as the student's own unix user");
        assertEquals(
                "700", vm.check("stat", "-c", "%a", "/home/jupyter-student1").strip(), "a private home");
        assertEquals("20", student.execute("student1", "5*4"));

        HubClient impostor = new HubClient("http://127.0.0.1:" + vm.httpPort());
        var refused = impostor.login("student1", "not-the-password");
        assertTrue(refused.uri().getPath().endsWith("/hub/login"), "a wrong password is refused: " + refused.uri());
    }

    @Test
    @Order(3)
    void aSecondRunChangesNothingAndRestartsNothing() throws Exception {
        String hubPid = vm.check("systemctl", "show", "-p", "MainPID", "--value", "jupyterhub")
                .strip();
        String proxyPid = vm.check("systemctl", "show", "-p", "MainPID", "--value", "littlehub-proxy")
                .strip();
        List<JsonNode> again = provision(false);
        assertEquals(0, recap(again).path("changed").asInt(), "second run: " + recap(again));
        assertEquals(
                hubPid,
                vm.check("systemctl", "show", "-p", "MainPID", "--value", "jupyterhub")
                        .strip());
        assertEquals(
                proxyPid,
                vm.check("systemctl", "show", "-p", "MainPID", "--value", "littlehub-proxy")
                        .strip());
        assertEquals(
                "active",
                vm.check("systemctl", "is-active", "jupyter-student1-singleuser")
                        .strip());
    }

    @Test
    @Order(4)
    void checkModeChangesNothingAndAHubRestartKeepsStudentServers() throws Exception {
        String config = vm.check("sudo", "sha256sum", "/opt/littlehub/current/jupyterhub_config.py");
        assertEquals(0, recap(provision(true)).path("changed").asInt());
        assertEquals(config, vm.check("sudo", "sha256sum", "/opt/littlehub/current/jupyterhub_config.py"));

        vm.check("sudo", "systemctl", "restart", "jupyterhub");
        HubClient student = new HubClient("http://127.0.0.1:" + vm.httpPort());
        student.awaitHub(Duration.ofSeconds(60));
        student.login("student1", "first-password-1");
        assertEquals(
                "active",
                vm.check("systemctl", "is-active", "jupyter-student1-singleuser")
                        .strip());
        assertEquals("20", student.execute("student1", "4*5"), "the proxy still routes to the running server");
    }

    @Test
    @Order(5)
    void inARealBrowserAStudentLogsInJupyterLabLoadsAndACellRuns() throws Exception {
        Assumptions.assumeTrue(
                HeadlessChromium.installed(), "skipped: Debian's chromium is not installed (.ci/run installs it)");
        String base = "http://127.0.0.1:" + vm.httpPort();
        Path shots = Path.of("target", "e2e-artifacts");
        new HubClient(base).awaitHub(Duration.ofSeconds(60));
        try (HeadlessChromium browser = new HeadlessChromium(Files.createTempDirectory("littlehub-chromium"))) {
            try {
                browser.open(base + "/hub/login");
                assertTrue(
                        browser.waitFor("document.querySelector('#username_input')", Duration.ofSeconds(30)),
                        "the login page shows");
                browser.click("#username_input");
                browser.type("student2");
                browser.click("#password_input");
                browser.type("browser-password-2");
                browser.click("#login_submit");
                assertTrue(
                        browser.waitFor("location.pathname.startsWith('/user/student2/lab')", Duration.ofSeconds(180)),
                        "after login the server spawns and JupyterLab opens: " + browser.eval("location.href"));
                assertTrue(
                        browser.waitFor("document.querySelector('.jp-LauncherCard')", Duration.ofSeconds(120)),
                        "JupyterLab loaded");
                int created = browser.eval("""
                        (async () => {
                          const xsrf = decodeURIComponent((document.cookie.split('; ').find(c => c.startsWith('_xsrf=')) || '=').split('=')[1]);
                          const nb = {type: 'notebook', content: {nbformat: 4, nbformat_minor: 5,
                            metadata: {kernelspec: {name: 'python3', display_name: 'Python 3', language: 'python'}},
                            cells: [{cell_type: 'code', source: '5*4', metadata: {}, outputs: [], execution_count: null}]}};
                          const r = await fetch('/user/student2/api/contents/browser-check.ipynb', {method: 'PUT',
                            headers: {'Content-Type': 'application/json', 'X-XSRFToken': xsrf}, body: JSON.stringify(nb)});
                          return r.status;
                        })()""").asInt();
                assertEquals(201, created, "the notebook was saved through the server's contents API");
                browser.open(base + "/user/student2/lab/tree/browser-check.ipynb");
                assertTrue(
                        browser.waitFor(
                                "document.querySelector('.jp-Notebook .jp-CodeCell .cm-content')",
                                Duration.ofSeconds(120)),
                        "the notebook opened");
                // Run the cell once its kernel is up. When JupyterLab still asks which kernel, answer as a person would
                // (Select), then run the cell again.
                browser.waitFor("document.body.innerText.includes('| Idle')", Duration.ofSeconds(60));
                String printed20 =
                        "[...document.querySelectorAll('.jp-OutputArea-output')].some(e => e.innerText.trim() === '20')";
                boolean ran = false;
                for (int attempt = 0; attempt < 3 && !ran; attempt++) {
                    browser.click(".jp-Notebook .jp-CodeCell .cm-content");
                    browser.press("Enter", 13, 8);
                    if (browser.waitFor("document.querySelector('.jp-Dialog .jp-mod-accept')", Duration.ofSeconds(3))) {
                        browser.eval("document.querySelector('.jp-Dialog .jp-mod-accept').click()");
                        browser.waitFor("document.body.innerText.includes('| Idle')", Duration.ofSeconds(60));
                    }
                    ran = browser.waitFor(printed20, Duration.ofSeconds(40));
                }
                assertTrue(ran, "the cell printed 20");
            } catch (AssertionError | RuntimeException e) {
                System.out.println(vm.exec(
                                "sudo",
                                "journalctl",
                                "-u",
                                "jupyterhub",
                                "-u",
                                "littlehub-proxy",
                                "-n",
                                "60",
                                "--no-pager")
                        .stdout());
                throw e;
            } finally {
                browser.screenshot(shots.resolve("jupyterlab-cell.png"));
            }
        }
        assertTrue(Files.size(shots.resolve("jupyterlab-cell.png")) > 10_000, "a real screenshot was kept");
    }
}
