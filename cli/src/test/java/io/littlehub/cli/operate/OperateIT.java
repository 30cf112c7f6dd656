package io.littlehub.cli.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.common.ExitCodes;
import io.littlehub.testvm.Vm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 8's proof on a hub VM (from the provisioned snapshot), through the commands a teacher types: {@code status}
 * (JSON and human) agrees with what the VM itself says, {@code logs} shows the hub's and a student's server's journal
 * and refuses a bad time, {@code ssh} runs a command with the hub's saved connection.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STUDENT = "ada";

    @AutoClose
    static TeacherLaptop laptop;

    static Vm vm;

    /** A hub with a student whose server runs (started through the hub as a browser would). */
    @BeforeAll
    static void bootAHubWithAStudentsServerRunning() throws Exception {
        laptop = TeacherLaptop.boot("ops-" + ProcessHandle.current().pid());
        vm = laptop.vm;
        laptop.ok("add-student", STUDENT);
        HubClient student = new HubClient(laptop.base);
        assertEquals(200, student.login(STUDENT, "ada-first-password").statusCode());
        long t = System.nanoTime();
        student.startServer(STUDENT, Duration.ofSeconds(180));
        System.out.printf("%s's server started in %d ms%n", STUDENT, (System.nanoTime() - t) / 1_000_000);
    }

    @Test
    @Order(1)
    void statusJsonIsWhatTheVmSays() throws Exception {
        JsonNode s = JSON.readTree(laptop.ok("status", "--json").out());
        assertEquals(
                vm.check("systemctl", "is-active", "jupyterhub.service").strip(),
                s.path("hub").path("active_state").asText());
        assertEquals(
                vm.check("systemctl", "is-active", "littlehub-proxy.service").strip(),
                s.path("proxy").path("active_state").asText());
        assertTrue(s.path("hub").path("uptime_seconds").asLong(-1) >= 0, s.toString());
        String release = Path.of(vm.check("readlink", "/opt/littlehub/current").strip())
                .getFileName()
                .toString();
        assertEquals(release, s.path("release").path("littlehub").asText());
        assertEquals(
                vm.check("sudo", "/opt/littlehub/current/hub/bin/jupyterhub", "--version")
                        .strip(),
                s.path("release").path("jupyterhub").asText());
        long memTotalKib = Long.parseLong(
                vm.check("awk", "/^MemTotal:/ {print $2}", "/proc/meminfo").strip());
        assertEquals(memTotalKib * 1024, s.path("memory").path("total_bytes").asLong());
        assertEquals(
                Integer.parseInt(vm.check("nproc").strip()),
                s.path("cpu").path("cores").asInt());
        List<String> diskPaths = new ArrayList<>();
        s.path("disks").forEach(d -> d.path("paths").forEach(p -> diskPaths.add(p.asText())));
        assertEquals(
                List.of("/home", "/opt/littlehub"), diskPaths.stream().sorted().toList());
        JsonNode students = s.path("students");
        assertTrue(students.path("users").asInt() >= 2, "the teacher and " + STUDENT + ": " + students);
        assertEquals(1, students.path("servers_running").asInt(), students.toString());
        assertTrue(
                students.path("active_last_5_min").asInt() >= 1, "the student who just started a server: " + students);
        assertTrue(s.path("newest_backup").isNull(), "no scheduled backups on a fresh hub: " + s);
        assertEquals("no HTTPS yet", s.path("certificate").path("note").asText());
        assertEquals(0, s.path("problems").size(), s.toString());
    }

    @Test
    @Order(2)
    void statusNamesTheNewestScheduledBackup() throws Exception {
        // Named as the scheduled backups name them; their contents do not matter to status.
        vm.check("sudo", "install", "-d", "-m", "0700", "/var/backups/littlehub");
        vm.check("sudo", "truncate", "-s", "2M", "/var/backups/littlehub/test-hub-20250301-120000.tar");
        vm.check("sudo", "truncate", "-s", "3M", "/var/backups/littlehub/test-hub-20250302-120000.tar");
        try {
            JsonNode backup = JSON.readTree(laptop.ok("status", "--json").out()).path("newest_backup");
            assertEquals("test-hub-20250302-120000.tar", backup.path("name").asText());
            assertEquals("2025-03-02T12:00:00Z", backup.path("time").asText());
            assertEquals(3L << 20, backup.path("size_bytes").asLong());
        } finally {
            vm.check("sudo", "rm", "-r", "/var/backups/littlehub");
        }
    }

    @Test
    @Order(3)
    void humanStatusShowsTheHubActive() {
        String out = laptop.ok("status").out();
        System.out.print(out);
        assertTrue(out.lines().anyMatch(l -> l.matches("hub +active, up .*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("students +[0-9]+ users, 1 server running, .*")), out);
        assertTrue(out.contains("backup    none") && out.contains("https     no HTTPS yet"), out);
    }

    @Test
    @Order(4)
    void studentsListTheStudentWithTheirServerRunning() throws Exception {
        JsonNode ada = null;
        for (JsonNode s : JSON.readTree(laptop.ok("students", "--json").out())) {
            if (s.path("name").asText().equals(STUDENT)) {
                ada = s;
            }
        }
        assertTrue(ada != null && ada.path("server_running").asBoolean(), String.valueOf(ada));
    }

    @Test
    @Order(5)
    void logsShowTheHubsJournal() {
        String out = laptop.ok("logs", "hub", "--since", "1h").out();
        assertTrue(out.contains("JupyterHub"), out);
        assertTrue(
                out.lines()
                        .allMatch(l -> l.startsWith("-- ")
                                || l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4} .*")),
                "short-iso lines: " + out);
        String both = laptop.ok("logs", "-n", "400").out();
        assertTrue(
                both.contains("jupyterhub[") && both.contains("configurable-http-proxy["),
                "the hub and the proxy by default: " + both);
    }

    @Test
    @Order(6)
    void logsOfAStudentAreTheirServersUnit() {
        String out = laptop.ok("logs", STUDENT).out();
        System.out.print(out);
        assertTrue(out.contains("jupyter-ada-singleuser.service"), "systemd's lines about the unit: " + out);
        assertTrue(
                out.contains("jupyterhub-singleuser[") && out.contains("ServerApp"), "the server's own lines: " + out);
    }

    @Test
    @Order(7)
    void aBadTimeOrNameIsRefusedBeforeConnecting() {
        Run since = laptop.littlehub("logs", "--since", "yesterday-ish");
        assertEquals(ExitCodes.USAGE, since.exit(), since.toString());
        assertTrue(since.err().contains("30m, 1h, 2d") && since.out().isEmpty(), since.toString());
        Run name = laptop.littlehub("logs", "ada; reboot");
        assertEquals(ExitCodes.USAGE, name.exit(), name.toString());
        assertTrue(name.err().contains("is not a user name"), name.toString());
    }

    @Test
    @Order(8)
    void sshRunsACommandWithTheHubsConnection() {
        Assumptions.assumeTrue(onPath("ssh"), "skipped: no ssh client on this host's PATH");
        Run hostname = laptop.ok("ssh", "--", "cat", "/etc/hostname");
        assertEquals(vm.name(), hostname.out().strip(), hostname.toString());
        Run exit = laptop.littlehub("ssh", "--", "exit 7");
        assertEquals(7, exit.exit(), "the remote command's exit code: " + exit);
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
