package io.littlehub.cli.hubconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.ProvisionedHub;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.ConfigProblem;
import io.littlehub.testvm.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 4's proof, through `littlehub config` as the teacher runs it (the picocli command with a hub registry in a
 * temporary folder) on a hub VM started from the provisioned snapshot: bad configs change nothing, a limit reaches a
 * student's unit, a config that breaks the hub is rolled back, concurrent changes are serialised, history and
 * rollback work, and edit applies what the editor saved.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigIT {
    private static final String CONFIG = "/etc/littlehub/config.yaml";

    @AutoClose
    static TeacherLaptop laptop;

    static Vm vm;
    static Path home;
    static String base;

    static Run config(String user, Path editor, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "config";
        System.arraycopy(args, 0, all, 1, args.length);
        return laptop.run(
                editor == null ? Map.of("USER", user) : Map.of("USER", user, "EDITOR", editor.toString()), all);
    }

    static Run config(String... args) {
        return config("teacher", null, args);
    }

    static String configFile() {
        return vm.check("sudo", "cat", CONFIG);
    }

    static String configHash() {
        return vm.check("sudo", "sha256sum", CONFIG);
    }

    static String hubPid() {
        return vm.check("systemctl", "show", "-p", "MainPID", "--value", "jupyterhub")
                .strip();
    }

    @BeforeAll
    static void bootAProvisionedHub() throws Exception {
        laptop = TeacherLaptop.boot("cfg-" + ProcessHandle.current().pid());
        vm = laptop.vm;
        home = laptop.home;
        base = laptop.base;
        // Only the roster signs in: the students who sign in below.
        assertEquals(
                ExitCodes.OK,
                laptop.littlehub("add-student", "student1", "basil").exit());
    }

    @Test
    @Order(1)
    void showPrintsTheConfigFileAndGetTheEffectiveValue() {
        Run show = config("show");
        assertEquals(ExitCodes.OK, show.exit(), show.toString());
        assertEquals(configFile().strip(), show.out().strip());
        assertTrue(show.out().contains(ProvisionedHub.ADMIN), show.out());
        Run get = config("get", "services.cull.timeout");
        assertEquals(ExitCodes.OK, get.exit(), get.toString());
        assertEquals("3600", get.out().strip(), "the default, as the file does not set it");
        Run unknown = config("get", "limits.memroy");
        assertEquals(ExitCodes.INVALID_CONFIG, unknown.exit(), unknown.toString());
    }

    @Test
    @Order(2)
    void badConfigsAreRefusedWithTheirMessagesAndNothingChanges() throws Exception {
        String hash = configHash();
        String pid = hubPid();
        assertNotEquals("0", pid);
        Path dir = Files.createTempDirectory(home, "bad");
        List<String> failures = new ArrayList<>();
        int i = 0;
        for (BadConfigs.Bad bad : BadConfigs.ALL) {
            Path file = Files.writeString(dir.resolve("bad-" + (i++) + ".yaml"), bad.yaml());
            Run r = config("apply", file.toString());
            List<String> expected = new ArrayList<>(bad.problems());
            expected.add(ConfigProblem.nothingChanged(bad.problems().size()));
            if (r.exit() != ExitCodes.INVALID_CONFIG || !r.errLines().equals(expected)) {
                failures.add(bad.name() + ": " + r);
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(hash, configHash(), "the config file is untouched");
        assertEquals(pid, hubPid(), "the hub was not restarted");
        assertTrue(BadConfigs.ALL.size() >= 30);
    }

    @Test
    @Order(3)
    void aMemoryLimitReachesAStudentsUnit() throws Exception {
        Run set = config("set", "limits.memory", "2G");
        assertEquals(ExitCodes.OK, set.exit(), set.toString());
        assertTrue(configFile().contains("memory: 2G"), configFile());
        assertEquals("2G", config("get", "limits.memory").out().strip());
        HubClient student = new HubClient(base);
        student.awaitHub(Duration.ofSeconds(60));
        student.login("student1", "first-password-1");
        student.startServer("student1", Duration.ofSeconds(180));
        assertEquals(
                "2147483648",
                vm.check("systemctl", "show", "-p", "MemoryMax", "--value", "jupyter-student1-singleuser")
                        .strip());
    }

    @Test
    @Order(4)
    void aConfigThatBreaksTheHubIsRolledBack() throws Exception {
        // Valid, but the proxy cannot listen where sshd already does: the hub never answers on port 22, the health
        // check fails and the agent puts the previous config back. (8081, the hub's own port, is refused up front.)
        String before = configFile();
        Run r = config("set", "http.port", "22");
        assertEquals(ExitCodes.FAILED, r.exit(), r.toString());
        assertTrue(r.err().contains("rolled back"), r.toString());
        assertEquals(before, configFile());
        assertEquals(
                200, new HubClient(base).get("/hub/health").statusCode(), "the hub serves again on its forwarded port");
        assertEquals(
                "active",
                vm.check("systemctl", "is-active", "jupyter-student1-singleuser")
                        .strip(),
                "the student's server survived");
    }

    @Test
    @Order(5)
    void concurrentChangesAreSerialisedByTheLock() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Run> waited = race(pool, new String[] {"alice", "set", "limits.memory", "1G"}, new String[] {
                "bob", "set", "limits.memory", "3G"
            });
            assertEquals(ExitCodes.OK, waited.get(0).exit(), waited.get(0).toString());
            assertEquals(ExitCodes.OK, waited.get(1).exit(), waited.get(1).toString());
            assertTrue(
                    waited.stream()
                            .anyMatch(r -> r.err().contains("for the hub's change lock")
                                    && (r.err().contains("held by set limits.memory 1G by alice@")
                                            || r.err().contains("held by set limits.memory 3G by bob@"))),
                    "one waited for the other: " + waited);
            assertOneOf(Set.of("1G", "3G"));
            String history = config("history").out();
            assertTrue(history.contains("set limits.memory 1G") && history.contains("set limits.memory 3G"), history);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(6)
    void aHeldLockRefusesAChangeThatWillNotWait() {
        // Another process on the VM holds the config lock as ConfigLock does: an fcntl lock on the file, its line
        // inside.
        String holder = "mallory@lab (pid 4242) since 2026-01-01T00:00:00Z";
        String hold = "import fcntl, time\n"
                + "f = open('/run/littlehub/config.lock', 'r+')\n"
                + "fcntl.lockf(f, fcntl.LOCK_EX)\n"
                + "f.truncate(0); f.write('" + holder + "\\n'); f.flush()\n"
                + "open('/run/littlehub-test-holding', 'w').close()\n"
                + "time.sleep(600)\n";
        vm.check("sudo", "rm", "-f", "/run/littlehub-test-holding");
        vm.check("sudo", "systemd-run", "--unit=littlehub-test-lock-holder", "python3", "-c", hold);
        String before = configHash();
        try {
            vm.check(
                    "sh",
                    "-c",
                    "for i in $(seq 100); do [ -e /run/littlehub-test-holding ] && exit 0; sleep 0.1; done; exit 1");
            Run refused = config("carol", (Path) null, "set", "limits.cpu", "3", "--wait", "0");
            assertEquals(ExitCodes.LOCKED, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("the hub is busy with " + holder), "names the holder: " + refused);
            Run waited = config("dave", (Path) null, "set", "limits.cpu", "3", "--wait", "2");
            assertEquals(ExitCodes.LOCKED, waited.exit(), waited.toString());
            assertTrue(
                    waited.err()
                            .contains("s for the hub's change lock (/run/littlehub/config.lock), held by " + holder),
                    waited.toString());
            assertEquals(before, configHash(), "nothing changed while the lock was held");
        } finally {
            vm.check("sudo", "systemctl", "stop", "littlehub-test-lock-holder");
        }
        // The holder's process ended, so the kernel freed the lock: the same change goes through at once.
        // Not the default (1), so the rollback test below always sees the change it undoes.
        Run freed = config("carol", (Path) null, "set", "limits.cpu", "3", "--wait", "0");
        assertEquals(ExitCodes.OK, freed.exit(), freed.toString());
        assertEquals("3", config("get", "limits.cpu").out().strip());
    }

    private static List<Run> race(ExecutorService pool, String[] a, String[] b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Run>> runs = new ArrayList<>();
        for (String[] args : List.of(a, b)) {
            runs.add(pool.submit(() -> {
                start.await();
                return config(args[0], null, java.util.Arrays.copyOfRange(args, 1, args.length));
            }));
        }
        List<Run> out = new ArrayList<>();
        for (Future<Run> f : runs) {
            out.add(f.get(10, TimeUnit.MINUTES));
        }
        return out;
    }

    private static void assertOneOf(Set<String> values) {
        String text = configFile();
        long lines = text.lines().filter(l -> l.strip().startsWith("memory:")).count();
        assertEquals(1, lines, text);
        String value = config("get", "limits.memory").out().strip();
        assertTrue(values.contains(value), value);
        assertTrue(text.contains("memory: " + value), text);
    }

    @Test
    @Order(7)
    void historyListsTheAppliesAndRollbackRestoresThePreviousOne() {
        Run history = config("history");
        assertEquals(ExitCodes.OK, history.exit(), history.toString());
        List<String> lines = history.out().lines().toList();
        assertTrue(lines.size() >= 4, history.out());
        for (String l : lines) {
            assertTrue(l.matches("\\d+ +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +\\S+ +.+"), "history line: " + l);
        }
        assertTrue(history.out().contains("set limits.memory 2G"), history.out());
        assertTrue(
                !history.out().contains("set http.port 22"),
                "a rolled-back change is not in the history: " + history.out());
        String memoryNow = config("get", "limits.memory").out().strip();
        String cpuNow = config("get", "limits.cpu").out().strip();
        Run rollback = config("rollback");
        assertEquals(ExitCodes.OK, rollback.exit(), rollback.toString());
        // The config before the current one differs in exactly the last change (limits.cpu), and keeps memoryNow.
        assertNotEquals(cpuNow, config("get", "limits.cpu").out().strip());
        assertEquals(memoryNow, config("get", "limits.memory").out().strip());
        String after = config("history").out();
        assertTrue(after.lines().reduce((x, y) -> y).orElse("").contains("rollback to"), after);
    }

    @Test
    @Order(8)
    void editAppliesWhatTheEditorSaved() throws Exception {
        Path dir = Files.createTempDirectory(home, "editor");
        Path script = FakeEditor.write(
                dir,
                "printf 'user_environment:\\n  default_app: notebok\\n' >> \"$1\"",
                "sed -i 's/notebok/notebook/' \"$1\"");
        // $EDITOR names the fake editor, as in the teacher's shell.
        Run r = config("teacher", script, "edit", "--yes");
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertEquals(2, FakeEditor.rounds(dir));
        assertTrue(FakeEditor.seen(dir, 2).startsWith("# ERROR"), FakeEditor.seen(dir, 2));
        assertTrue(r.out().contains("+  default_app: notebook"), r.toString());
        assertTrue(
                r.out().lines().anyMatch(l -> l.matches("@@ -\\d+,\\d+ \\+\\d+,\\d+ @@")), "a hunk with context: " + r);
        assertEquals(
                "notebook", config("get", "user_environment.default_app").out().strip());
        assertTrue(!configFile().contains("# ERROR"), configFile());
        assertEquals(200, new HubClient(base).get("/hub/health").statusCode());
    }

    @Test
    @Order(9)
    void aBaseUrlMovesTheHubAndMaxAgeReachesTheCuller() throws Exception {
        Run r = config("set", "base_url", "/jupyter/");
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertEquals(
                200, new HubClient(base).get("/jupyter/hub/health").statusCode(), "the hub answers under /jupyter/");
        HubClient student = new HubClient(base + "/jupyter");
        assertEquals(200, student.login("basil", "basil-password").statusCode());
        student.startServer("basil", Duration.ofSeconds(180));
        assertEquals("20", student.execute("basil", "5*4"), "a server and its kernel work under /jupyter/");
        Run back = config("unset", "base_url");
        assertEquals(ExitCodes.OK, back.exit(), back.toString());
        assertEquals(200, new HubClient(base).get("/hub/health").statusCode());

        Run maxAge = config("set", "services.cull.max_age", "28800");
        assertEquals(ExitCodes.OK, maxAge.exit(), maxAge.toString());
        String culler = vm.check("sh", "-c", "ps -eo args | grep [j]upyterhub_idle_culler");
        assertTrue(culler.contains("--max-age=28800"), culler);
    }

    @Test
    @Order(9)
    void commentsAndTheSchemaModelineSurviveConfigSet() throws Exception {
        String modeline = "# yaml-language-server: $schema=../schema/littlehub-config.schema.json\n";
        String commented = modeline + "# Autumn class.\n\n"
                + config("show", "--show-secrets").out().replace("limits:\n", "# Per server.\nlimits:\n");
        Path file =
                Files.writeString(Files.createTempDirectory(home, "commented").resolve("hub.yaml"), commented);
        Run apply = config("apply", file.toString());
        assertEquals(ExitCodes.OK, apply.exit(), apply.toString());
        assertTrue(commented.contains("# Per server.\nlimits:\n"), commented);

        Run set = config("set", "limits.memory", "1500M");
        assertEquals(ExitCodes.OK, set.exit(), set.toString());
        String after = configFile();
        assertTrue(after.startsWith(modeline + "# Autumn class.\n\n"), after);
        assertTrue(after.contains("# Per server.\nlimits:\n"), after);
        assertEquals(
                commented.lines().filter(l -> !l.strip().startsWith("memory:")).toList(),
                after.lines().filter(l -> !l.strip().startsWith("memory:")).toList(),
                "only the memory line changed");
        assertEquals("1500M", config("get", "limits.memory").out().strip());
    }
}
