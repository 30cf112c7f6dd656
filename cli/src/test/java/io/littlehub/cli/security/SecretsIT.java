package io.littlehub.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.Provisioner;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.cli.transport.SshTarget;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.ConfigEdit;
import io.littlehub.common.config.ConfigMask;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, items 6 and 7: secrets stay secret and cookies are SameSite=Lax, shown as attacks on a provisioned hub.
 * The hub signs in with a shared password and an admin password (the schema's writeOnly keys): whoever reads either
 * is a student or the hub's admin. A student tries to read them from their own kernel (config history, config,
 * hub database, state folder, the rendered hub config, the backups' passphrase); each read is refused because of
 * the file's owner and mode, which the test reads too. The teacher's own views (config show/get, history, a
 * change's events, provision --diff, status, a backup's manifest, the journal) never carry the secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsIT {
    private static final String STUDENT = "ada";

    @TempDir
    static Path dir;

    static TeacherLaptop laptop;
    static String userPassword;
    static String adminPassword;
    static HubClient ada;

    @BeforeAll
    static void aHubWithSecretsInItsConfig() throws Exception {
        laptop = TeacherLaptop.boot("lh-secrets");
        userPassword = "class-" + random(8);
        adminPassword = "admin-" + random(20);
        String config = laptop.littlehub("config", "show", "--show-secrets").out();
        config = ConfigEdit.put(
                config,
                "auth",
                Map.of("type", "shared-password", "user_password", userPassword, "admin_password", adminPassword));
        config = ConfigEdit.put(config, "users", Map.of("admin", List.of("teacher"), "allowed", List.of(STUDENT)));
        config = ConfigEdit.put(config, "backup", Map.of("schedule", "daily", "keep", 3));
        Path file = dir.resolve("hub.yaml");
        Files.writeString(file, config);
        TeacherLaptop.Run apply = laptop.littlehub("config", "apply", file.toString(), "--yes", "--json");
        assertEquals(ExitCodes.OK, apply.exit(), apply.toString());
        assertNoSecret("config apply --json (events)", apply.out() + apply.err());
        ada = new HubClient(laptop.base);
        ada.awaitHub(Duration.ofSeconds(120));
        assertEquals(200, ada.login(STUDENT, userPassword).statusCode());
        ada.startServer(STUDENT, Duration.ofSeconds(120));
    }

    @AfterAll
    static void cleanUp() {
        if (laptop != null) {
            laptop.close();
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void assertNoSecret(String where, String text) {
        assertFalse(text.contains(userPassword), where + " shows the students' password:\n" + text);
        assertFalse(text.contains(adminPassword), where + " shows the admin password:\n" + text);
    }

    /** What the student's kernel gets reading {@code path} (a folder: listing it): "read", "PermissionError", …. */
    private static String studentReads(String path) throws Exception {
        String code = """
                import os
                def attempt(p):
                    try:
                        os.listdir(p) if os.path.isdir(p) else open(p, 'rb').read(1)
                        return 'read'
                    except OSError as e:
                        return type(e).__name__
                attempt(%s)
                """.formatted("'" + path + "'");
        return ada.execute(STUDENT, code).replace("'", "");
    }

    /** Owner and octal mode as the VM has them ({@code stat -c '%U %a'}). */
    private static String ownerAndMode(String path) {
        return laptop.vm.check("sudo", "stat", "-c", "%U %a", path).strip();
    }

    @Test
    @Order(1)
    void aStudentCannotReadTheConfigItsHistoryTheDatabaseOrTheStateFolder() throws Exception {
        String history = "/var/lib/littlehub/config-history";
        String newest = history + "/"
                + laptop.vm
                        .check("sudo", "ls", history)
                        .lines()
                        .filter(l -> l.endsWith(".yaml"))
                        .reduce((a, b) -> b)
                        .orElseThrow();
        // {path, the stated reason: owner and mode}
        List<String[]> targets = List.of(
                new String[] {history, "root 700"},
                new String[] {newest, "root 600"},
                new String[] {"/etc/littlehub/config.yaml", "root 640"},
                new String[] {"/opt/littlehub/state", "root 700"},
                new String[] {"/opt/littlehub/state/jupyterhub.sqlite", "root 600"},
                new String[] {"/opt/littlehub/current/jupyterhub_config.py", "root 600"},
                new String[] {"/etc/littlehub/backup-passphrase", "root 600"});
        List<String> failures = new ArrayList<>();
        for (String[] t : targets) {
            String outcome = studentReads(t[0]);
            String actual = ownerAndMode(t[0]);
            System.out.printf("SecretsIT: %s reads %s (%s): %s%n", STUDENT, t[0], actual, outcome);
            if (!outcome.equals("PermissionError") || !actual.equals(t[1])) {
                failures.add(t[0] + ": " + outcome + " with " + actual + ", expected PermissionError with " + t[1]);
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(
                "root root 640",
                laptop.vm
                        .check("sudo", "stat", "-c", "%U %G %a", "/etc/littlehub/config.yaml")
                        .strip(),
                "the config's group is root, which no student is in");
    }

    @Test
    @Order(2)
    void everyFileOfTheHubsStateIsRootsAloneAsItReallyIs() {
        // The database and its -journal/-wal as sqlite left them, FirstUse's and the secrets' files: each 0600.
        List<String> lines = laptop.vm
                .check(
                        "sudo",
                        "find",
                        "/opt/littlehub/state",
                        "/etc/littlehub",
                        "-maxdepth",
                        "1",
                        "-type",
                        "f",
                        "-printf",
                        "%p %u %m\\n")
                .lines()
                .toList();
        System.out.println("SecretsIT: state and /etc/littlehub files:\n  " + String.join("\n  ", lines));
        for (String line : lines) {
            String[] f = line.split(" ");
            boolean secret = f[0].startsWith("/opt/littlehub/state/") || f[0].endsWith("backup-passphrase");
            if (secret) {
                assertEquals("root 600", f[1] + " " + f[2], line);
            } else {
                assertTrue(
                        f[1].equals("root") && (Integer.parseInt(f[2], 8) & 0002) == 0,
                        "not writable by others: " + line);
            }
        }
        assertTrue(
                lines.stream().anyMatch(l -> l.startsWith("/opt/littlehub/state/jupyterhub.sqlite ")),
                lines.toString());
    }

    @Test
    @Order(3)
    void anOlderHubsWorldReadableHistoryAndDatabaseAreFixedByTheNextConvergeAndRestart() throws Exception {
        String history = "/var/lib/littlehub/config-history";
        String first = history + "/0001.yaml";
        laptop.vm.check("sudo", "chmod", "0755", history);
        laptop.vm.check("sudo", "chmod", "0644", first, "/opt/littlehub/state/jupyterhub.sqlite");
        assertEquals("read", studentReads(first), "the attack works on an older hub's modes");

        TeacherLaptop.Run converge = laptop.littlehub("config", "set", "services.cull.timeout", "3000");
        assertEquals(ExitCodes.OK, converge.exit(), converge.toString());
        assertTrue(
                converge.err().contains("config history: 2 of its paths were readable by others"), converge.toString());
        assertEquals("root 700", ownerAndMode(history));
        assertEquals("root 600", ownerAndMode(first));
        assertEquals("PermissionError", studentReads(first));

        laptop.vm.check("sudo", "systemctl", "restart", "jupyterhub");
        new HubClient(laptop.base).awaitHub(Duration.ofSeconds(120));
        assertEquals(
                "root 600",
                ownerAndMode("/opt/littlehub/state/jupyterhub.sqlite"),
                "the hub makes its database 0600 at start");
    }

    @Test
    @Order(4)
    void showAndGetMaskSecretsUnlessAskedToShowThem() throws Exception {
        TeacherLaptop.Run show = laptop.littlehub("config", "show");
        assertEquals(ExitCodes.OK, show.exit(), show.toString());
        assertNoSecret("config show", show.out());
        assertTrue(show.out().contains("user_password: \"" + ConfigMask.MASK + "\""), show.out());
        TeacherLaptop.Run shown = laptop.littlehub("config", "show", "--show-secrets");
        assertTrue(
                shown.out().contains(adminPassword) && shown.out().contains(userPassword), "--show-secrets shows them");

        assertEquals(
                ConfigMask.MASK + "\n",
                laptop.littlehub("config", "get", "auth.admin_password").out());
        assertNoSecret(
                "config get auth", laptop.littlehub("config", "get", "auth").out());
        assertEquals(
                adminPassword + "\n",
                laptop.littlehub("config", "get", "auth.admin_password", "--show-secrets")
                        .out());
        assertEquals(
                "shared-password\n",
                laptop.littlehub("config", "get", "auth.type").out(),
                "other values as they are");

        Path copied = dir.resolve("copied-from-show.yaml");
        Files.writeString(copied, show.out());
        TeacherLaptop.Run masked = laptop.littlehub("config", "apply", copied.toString(), "--yes");
        assertEquals(
                ExitCodes.INVALID_CONFIG,
                masked.exit(),
                "a file made from the masked output is refused, not applied with ******** as the secret");
        assertTrue(
                masked.err().contains("auth.user_password: is ********, the mask `config show` prints"),
                masked.toString());
    }

    @Test
    @Order(5)
    void aSecretsChangeLeavesItInNoEventHistoryDiffStatusBackupManifestOrJournal() throws Exception {
        String before = adminPassword;
        adminPassword = "admin-" + random(20);
        TeacherLaptop.Run set = laptop.littlehub("config", "set", "auth.admin_password", adminPassword, "--json");
        assertEquals(ExitCodes.OK, set.exit(), set.toString());
        assertNoSecret("config set --json", set.out() + set.err());
        TeacherLaptop.Run history = laptop.littlehub("config", "history");
        assertNoSecret("config history", history.out());
        assertTrue(history.out().contains("set auth.admin_password " + ConfigMask.MASK), history.out());

        // provision --diff with a config that changes the secret again: jupyterhub_config.py changes, its text is not
        // shown.
        String old = adminPassword;
        adminPassword = "admin-" + random(20);
        Path file = dir.resolve("provision.yaml");
        Files.writeString(
                file, laptop.littlehub("config", "show", "--show-secrets").out().replace(old, adminPassword));
        // As ProvisionIT runs it: the laptop's own known_hosts, not this host's.
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SshTarget target = new SshTarget(laptop.vm.user(), "127.0.0.1", laptop.vm.sshPort(), laptop.vm.identity());
        Provisioner provisioner = new Provisioner(
                new PrintStream(buf, true, StandardCharsets.UTF_8), new HubRegistry(laptop.home.resolve("registry")));
        Provisioner.Request request =
                new Provisioner.Request(target, List.of(), file, false, true, true, "test-hub", laptop.base + "/");
        int exit = provisioner.run(
                request, laptop.context(System.out, System.err, Map.of()).ssh());
        String events = buf.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, exit, events);
        assertNoSecret("provision --diff --json", events);
        assertTrue(events.contains("jupyterhub_config.py") && events.contains("not shown"), events);
        assertFalse(events.contains(old) || events.contains(before), "no earlier secret either");

        assertNoSecret("status", laptop.littlehub("status").out());
        assertNoSecret("status --json", laptop.littlehub("status", "--json").out());

        Path backups = Files.createDirectories(dir.resolve("backups"));
        TeacherLaptop.Run backup = laptop.littlehub("backup", "--no-secrets", "--to-dir", backups.toString());
        assertEquals(ExitCodes.OK, backup.exit(), backup.toString());
        Path archive;
        try (var files = Files.list(backups)) {
            archive =
                    files.filter(p -> p.toString().endsWith(".tar")).findFirst().orElseThrow();
        }
        Process tar = new ProcessBuilder("tar", "-xOf", archive.toString(), "littlehub-backup/manifest.json")
                .redirectErrorStream(true)
                .start();
        String manifest = new String(tar.getInputStream().readAllBytes());
        assertEquals(0, tar.waitFor(), manifest);
        assertTrue(manifest.contains("etc/littlehub/config.yaml"), "the manifest lists the config");
        assertNoSecret("the backup's manifest", manifest);

        String journal = laptop.vm.check("sudo", "journalctl", "--no-pager", "-b", "-o", "cat");
        System.out.printf(
                "SecretsIT: journal of this boot: %d lines, none with a secret%n",
                journal.lines().count());
        assertNoSecret("the journal", journal);
        for (String old2 : List.of(before, old)) {
            assertFalse(journal.contains(old2), "the journal shows an earlier admin password");
        }
    }

    @Test
    @Order(6)
    void theHubsAndTheServersCookiesAreSameSiteLax() throws Exception {
        Path jar = dir.resolve("cookies.txt");
        Path headers = dir.resolve("headers.txt");
        curl(jar, headers, laptop.base + "/hub/login");
        String xsrf = Files.readAllLines(jar).stream()
                .filter(l -> l.contains("\t_xsrf\t"))
                .map(l -> l.substring(l.lastIndexOf('\t') + 1))
                .findFirst()
                .orElseThrow();
        curl(
                jar,
                headers,
                laptop.base + "/hub/login?next=/hub/home",
                "--data-urlencode",
                "username=" + STUDENT,
                "--data-urlencode",
                "password=" + userPassword,
                "--data-urlencode",
                "_xsrf=" + xsrf);
        curl(jar, headers, laptop.base + "/user/" + STUDENT + "/lab", "-L");
        List<String> cookies = Files.readAllLines(headers).stream()
                .filter(l -> l.toLowerCase().startsWith("set-cookie:"))
                .toList();
        System.out.println("SecretsIT: cookies set over plain HTTP:\n  " + String.join("\n  ", cookies));
        List<String> names =
                List.of("_xsrf", "jupyterhub-session-id", "jupyterhub-hub-login", "jupyterhub-user-" + STUDENT);
        for (String name : names) {
            assertTrue(cookies.stream().anyMatch(c -> c.contains(" " + name + "=")), name + " was set: " + cookies);
        }
        assertTrue(
                cookies.stream().anyMatch(c -> c.contains(" _xsrf=") && c.contains("Path=/user/" + STUDENT)),
                "the user server set its own _xsrf: " + cookies);
        for (String cookie : cookies) {
            assertFalse(
                    cookie.toLowerCase().contains("; secure"),
                    "plain HTTP: not Secure (a browser would drop it): " + cookie);
            // A deletion (empty value, expiry in the past) removes the cookie: its attributes do not matter. The user
            // server's own _xsrf (Path=/user/NAME/) is jupyter_server's: the system-wide Jupyter config sets it.
            boolean deletion = cookie.contains("=\"\";") || cookie.contains("=;");
            if (!deletion) {
                assertTrue(cookie.toLowerCase().contains("samesite=lax"), "SameSite=Lax: " + cookie);
            }
        }
    }

    /** curl as a browser: cookie jar in and out, every answer's headers appended to {@code headers}. */
    private static void curl(Path jar, Path headers, String url, String... extra) throws Exception {
        Path these = Files.createTempFile(dir, "h", ".txt");
        List<String> argv = new ArrayList<>(List.of(
                "curl",
                "-sS",
                "--max-time",
                "60",
                "-c",
                jar.toString(),
                "-b",
                jar.toString(),
                "-D",
                these.toString(),
                "-o",
                "/dev/null"));
        argv.addAll(List.of(extra));
        argv.add(url);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "curl " + url + ": " + out);
        Files.writeString(headers, Files.readString(these), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
