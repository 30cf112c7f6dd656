package io.littlehub.cli.students;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.students.UnixNames;
import io.littlehub.testvm.Vm;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 5's proof on a hub VM (from the provisioned snapshot), through the commands a teacher types: a CSV roster of
 * 30, roster-only sign-in, hostile names, a long name's unix user, reset-password, remove-student with --archive,
 * admins' sudo (from a kernel, as the user), and every sign-in type starting the hub.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudentsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = "/etc/littlehub/config.yaml";

    @AutoClose
    static TeacherLaptop laptop;

    static Vm vm;
    static Path home;
    static String base;

    static Run littlehub(String... args) {
        return laptop.littlehub(args);
    }

    static Run ok(String... args) {
        Run r = littlehub(args);
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        return r;
    }

    static String configHash() {
        return vm.check("sudo", "sha256sum", CONFIG);
    }

    static boolean signsIn(String user, String password) throws Exception {
        HttpResponse<String> r = new HubClient(base).login(user, password);
        return r.statusCode() == 200 && !r.uri().getPath().endsWith("/hub/login");
    }

    static JsonNode students() throws Exception {
        return JSON.readTree(ok("students", "--json").out());
    }

    static JsonNode student(String name) throws Exception {
        for (JsonNode s : students()) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        return null;
    }

    @BeforeAll
    static void bootAProvisionedHub() throws Exception {
        laptop = TeacherLaptop.boot("stu-" + ProcessHandle.current().pid());
        vm = laptop.vm;
        home = laptop.home;
        base = laptop.base;
    }

    @Test
    @Order(1)
    void hostileNamesAreRefusedAndNothingRuns() throws Exception {
        String hash = configHash();
        List<String> hostile = List.of(
                ";rm -rf /",
                "../x",
                "$(touch /tmp/pwned)",
                "a b",
                "`touch /tmp/pwned`",
                "x".repeat(200),
                "\u0430lice",
                "bob\nmallory");
        for (String name : hostile) {
            Run r = littlehub("add-student", name);
            assertEquals(ExitCodes.INVALID_CONFIG, r.exit(), name + ": " + r);
            assertTrue(r.err().contains("nothing changed"), r.toString());
        }
        Run cyrillic = littlehub("add-student", "\u0430lice");
        assertTrue(cyrillic.err().contains("U+0430 CYRILLIC SMALL LETTER A"), cyrillic.toString());
        // One bad name in a list: the good ones are not added either.
        assertEquals(
                ExitCodes.INVALID_CONFIG,
                littlehub("add-student", "good-name", "$(id)").exit());
        assertEquals(hash, configHash(), "no hostile name changed the config");
        // Nor may one sign in: the hub's username pattern refuses it before any unix user is made.
        assertFalse(signsIn("$(touch /tmp/pwned)", "password123"));
        assertFalse(signsIn("../x", "password123"));
        assertEquals(
                "absent",
                vm.check("sh", "-c", "test -e /tmp/pwned && echo present || echo absent")
                        .strip());
        assertEquals(
                "",
                vm.check("sh", "-c", "getent passwd | grep -c -E 'pwned|rm -rf' || true")
                        .strip()
                        .replace("0", ""));
    }

    @Test
    @Order(2)
    void aCsvOfThirtyIsTheRosterAndOnlyTheRosterSignsIn() throws Exception {
        StringBuilder csv = new StringBuilder("name,email,admin\n");
        for (int i = 1; i <= 30; i++) {
            csv.append(String.format("Student-%02d,s%02d@school.example.org,%s%n", i, i, i == 30 ? "yes" : ""));
        }
        Path file = home.resolve("roster.csv");
        Files.writeString(file, csv);
        Run add = ok("add-student", "--csv", file.toString());
        assertTrue(add.out().contains("student-01: added"), add.toString());
        JsonNode all = students();
        List<String> names = new ArrayList<>();
        all.forEach(s -> names.add(s.path("name").asText()));
        for (int i = 1; i <= 30; i++) {
            assertTrue(names.contains(String.format("student-%02d", i)), names.toString());
        }
        assertTrue(student("student-30").path("admin").asBoolean(), "the CSV's admin column");
        assertEquals(
                "s07@school.example.org", student("student-07").path("email").asText());
        assertTrue(signsIn("student-07", "first-password"), "a roster member signs in (and picks a password)");
        assertFalse(signsIn("stranger", "first-password"), "a non-member is refused");
        Run table = ok("students");
        assertTrue(table.out().contains("student-07") && table.out().contains(" admins, "), table.toString());
        // Adding the same students again (different case) changes nothing on the roster.
        Run again = ok("add-student", "STUDENT-01");
        assertTrue(again.out().contains("student-01: already on the roster"), again.toString());
    }

    @Test
    @Order(3)
    void resetPasswordLetsTheStudentChooseANewOne() throws Exception {
        assertTrue(signsIn("student-07", "first-password"));
        Run reset = ok("reset-password", "student-07");
        assertTrue(reset.out().contains("password forgotten"), reset.toString());
        assertTrue(signsIn("student-07", "second-password"), "the next sign-in sets the new password");
        assertFalse(signsIn("student-07", "first-password"), "the old password no longer works");
        assertTrue(signsIn("student-07", "second-password"));
    }

    @Test
    @Order(4)
    void aLongNameGetsASafeUnixUserThatTheHubAndAgentAgreeOn() throws Exception {
        String name = "maximilian.alexander-von-humboldt@school.example.org";
        ok("add-student", name);
        HubClient student = new HubClient(base);
        assertEquals(200, student.login(name, "humboldt-pass").statusCode());
        student.startServer(name, Duration.ofSeconds(180));
        String unix = UnixNames.unixName(name);
        assertEquals(
                unix, student.execute(name, "import getpass; getpass.getuser()").replace("'", ""));
        assertEquals(
                "active",
                vm.check("systemctl", "is-active", UnixNames.unitName(name)).strip());
        assertTrue(unix.length() <= 32, unix);
    }

    @Test
    @Order(5)
    void removingAStudentStopsTheServerBansThemAndArchivesTheHome() throws Exception {
        HubClient student = new HubClient(base);
        assertEquals(200, student.login("student-02", "pass-of-02").statusCode());
        student.startServer("student-02", Duration.ofSeconds(180));
        student.execute("student-02", "open('notes.txt', 'w').write('my work'); 1");
        String unit = UnixNames.unitName("student-02");
        assertEquals("active", vm.check("systemctl", "is-active", unit).strip());

        Run remove = ok("remove-student", "student-02", "--archive");
        assertTrue(
                remove.out().contains("server stopped")
                        && remove.out().contains("archived to /var/lib/littlehub/archive/"),
                remove.toString());
        assertNotEquals(
                "active", vm.exec("systemctl", "is-active", unit).stdout().strip());
        assertFalse(signsIn("student-02", "pass-of-02"), "a removed student cannot sign in");
        assertFalse(signsIn("student-02", "any-new-password"), "nor sign up again");
        String tarball = vm.check("sudo", "sh", "-c", "ls /var/lib/littlehub/archive/jupyter-student-02-*.tar.gz")
                .strip();
        assertEquals("my work", vm.check("sudo", "tar", "-xzOf", tarball, "jupyter-student-02/notes.txt"));
        assertEquals(
                "gone",
                vm.check("sh", "-c", "test -d /home/jupyter-student-02 && echo kept || echo gone")
                        .strip());
        JsonNode removed = student("student-02");
        assertTrue(
                removed != null
                        && removed.path("banned").asBoolean()
                        && !removed.path("on_roster").asBoolean(),
                String.valueOf(removed));

        Run typo = littlehub("remove-student", "student-3");
        assertEquals(ExitCodes.INVALID_CONFIG, typo.exit(), typo.toString());
        assertTrue(typo.err().contains("did you mean"), typo.toString());

        ok("add-student", "student-02");
        assertTrue(signsIn("student-02", "a-fresh-start"), "add-student lets a removed student back in");
    }

    @Test
    @Order(6)
    void anAdminCanSudoAndAStudentCannot() throws Exception {
        ok(
                "add-admin",
                "student-05",
                "--password-file",
                laptop.passwordFile("admin-pass").toString());
        HubClient admin = new HubClient(base);
        assertEquals(200, admin.login("student-05", "admin-pass").statusCode());
        admin.startServer("student-05", Duration.ofSeconds(180));
        String sudo = "import subprocess; subprocess.run(['sudo', '-n', 'true']).returncode";
        assertEquals("0", admin.execute("student-05", sudo), "an admin may sudo");

        HubClient student = new HubClient(base);
        assertEquals(200, student.login("student-06", "student-pass").statusCode());
        student.startServer("student-06", Duration.ofSeconds(180));
        assertEquals("1", student.execute("student-06", sudo), "a student may not");

        ok("remove-admin", "student-05");
        assertFalse(student("student-05").path("admin").asBoolean(), "demoted in the hub too");
        assertTrue(student("student-05").path("on_roster").asBoolean(), "still a student");
        assertFalse(
                vm.check("getent", "group", "littlehub-admins").contains(UnixNames.unixName("student-05")),
                "and out of the sudo group");
    }

    @Test
    @Order(7)
    void sharedPasswordSignInEndToEnd() throws Exception {
        ok("config", "set", "auth", "{type: shared-password, user_password: class-secret-2026}");
        assertTrue(signsIn("student-09", "class-secret-2026"));
        assertFalse(signsIn("student-10", "wrong-password"));
        assertFalse(signsIn("stranger", "class-secret-2026"), "the roster still applies");
        Run reset = littlehub("reset-password", "student-09");
        assertEquals(ExitCodes.USAGE, reset.exit(), reset.toString());
        assertTrue(reset.err().contains("auth.user_password"), reset.toString());
    }

    @Test
    @Order(8)
    void everyOtherSignInTypeStartsTheHubAndBadOnesAreRefused() throws Exception {
        Map<String, String> valid = Map.of(
                "github",
                        "{type: github, client_id: abc123, client_secret: s3cret, oauth_callback_url: 'http://hub.example.org/hub/oauth_callback', allowed_organizations: [my-school]}",
                "google",
                        "{type: google, client_id: abc.apps.googleusercontent.com, client_secret: s3cret, oauth_callback_url: 'https://hub.example.org/hub/oauth_callback', hosted_domain: [school.example.org]}",
                "generic",
                        "{type: generic, client_id: abc, client_secret: s3cret, oauth_callback_url: 'https://hub.example.org/hub/oauth_callback', authorize_url: 'https://login.example.org/authorize', token_url: 'https://login.example.org/token', userdata_url: 'https://login.example.org/userinfo'}",
                "ldap",
                        "{type: ldap, server_address: 127.0.0.1, bind_dn_template: 'uid={username},ou=people,dc=example,dc=org'}",
                "native", "{type: native}");
        Map<String, String> loginPageSays = Map.of(
                "github", "GitHub", "google", "Google", "generic", "OAuth", "ldap", "password", "native", "signup");
        for (var e : valid.entrySet()) {
            ok("config", "set", "auth", e.getValue());
            HttpResponse<String> login = new HubClient(base).get("/hub/login");
            assertEquals(200, login.statusCode(), e.getKey());
            assertTrue(
                    login.body().contains(loginPageSays.get(e.getKey())), e.getKey() + " login page:\n" + login.body());
        }
        assertFalse(signsIn("student-11", "any-password"), "LDAP with no server reachable refuses, the hub stays up");
        String hash = configHash();
        for (String bad : List.of(
                "{type: github, client_id: abc}",
                "{type: google, client_id: a, client_secret: b, oauth_callback_url: 'https://h/x'}",
                "{type: ldap}",
                "{type: generic, client_id: a, client_secret: b, oauth_callback_url: 'https://h.example.org/hub/oauth_callback',"
                        + " authorize_url: 'ftp://login.example.org', token_url: 'https://t.example.org', userdata_url: 'https://u.example.org'}")) {
            Run r = littlehub("config", "set", "auth", bad);
            assertEquals(ExitCodes.INVALID_CONFIG, r.exit(), bad + ": " + r);
        }
        assertEquals(hash, configHash());
        ok("config", "set", "auth", "{type: firstuse}");
        assertTrue(signsIn("student-07", "second-password"), "back on firstuse, passwords kept");
    }

    /**
     * Issue 18: a roster as Excel saves it on a Windows laptop in much of Europe (";" between fields, Windows-1252,
     * accented names): refused with each line's suggestion and nothing changed, then taken with --accept-suggestions;
     * a suggested name signs in.
     */
    @Test
    @Order(9)
    void anExcelRosterWithAccentedNamesLandsOnceItsSuggestionsAreAccepted() throws Exception {
        Path file = home.resolve("klasse.csv");
        Files.write(
                file,
                "Name;E-Mail;Admin\r\nJosé Núñez;jose@school.example.org;\r\nZoë;;\r\nstudent-40;;\r\n"
                        .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        String hash = configHash();
        Run refused = littlehub("add-student", "--csv", file.toString());
        assertEquals(ExitCodes.INVALID_CONFIG, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("klasse.csv is not UTF-8: read as Windows-1252"), refused.toString());
        assertTrue(
                refused.err().contains("klasse.csv line 2: \"José Núñez\" is not a user name")
                        && refused.err().contains("; suggested: jose.nunez")
                        && refused.err().contains("--accept-suggestions"),
                refused.toString());
        assertEquals(hash, configHash(), "nothing changed, student-40 neither");

        Run accepted = ok("add-student", "--csv", file.toString(), "--accept-suggestions");
        assertTrue(
                accepted.err().contains("klasse.csv line 2: \"José Núñez\" is jose.nunez (suggested, accepted)"),
                accepted.toString());
        assertTrue(
                accepted.out().contains("jose.nunez: added")
                        && accepted.out().contains("zoe: added")
                        && accepted.out().contains("student-40: added"),
                accepted.toString());
        assertEquals(
                "jose@school.example.org", student("jose.nunez").path("email").asText());
        assertTrue(signsIn("jose.nunez", "nunez-password"), "the suggested name signs in");
    }
}
