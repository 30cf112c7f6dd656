package io.littlehub.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.ProvisionedHub;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.common.ExitCodes;
import io.littlehub.testvm.Vm;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 16, "the admin is claimed at provision", as attacks on a provisioned hub: a stranger who reaches the hub first
 * cannot take an admin name (its password was set from the teacher's laptop), nor a new admin's, nor an issued
 * student's; bad password files change nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminClaimIT {
    private static final String CONFIG = "/etc/littlehub/config.yaml";
    private static final Pattern SHOWN = Pattern.compile("Admin (\\S+) signs in with the password (\\S+)");

    @AutoClose
    static TeacherLaptop laptop;

    static Vm vm;
    static String base;

    @BeforeAll
    static void bootAProvisionedHub() throws Exception {
        laptop = TeacherLaptop.boot("claim-" + ProcessHandle.current().pid());
        vm = laptop.vm;
        base = laptop.base;
    }

    static boolean signsIn(String user, String password) throws Exception {
        HttpResponse<String> r = new HubClient(base).login(user, password);
        return r.statusCode() == 200 && !r.uri().getPath().endsWith("/hub/login");
    }

    static String configHash() {
        return vm.check("sudo", "sha256sum", CONFIG);
    }

    @Test
    @Order(1)
    void passwordSetAtProvisionStopsAStrangerClaimingTheAdmin() throws Exception {
        assertFalse(
                signsIn(ProvisionedHub.ADMIN, "strangers-first-password"),
                "the admin name is taken: a first sign-in cannot set its password");
        assertFalse(
                signsIn(ProvisionedHub.ADMIN, "strangers-first-password"), "and it did not become the password either");
        assertTrue(
                signsIn(ProvisionedHub.ADMIN, ProvisionedHub.ADMIN_PASSWORD),
                "the teacher's password from the laptop works");
        // dbm's file name depends on the Python's dbm module (passwords.dbm.db with Debian's ndbm).
        String dbm = vm.check("sudo", "sh", "-c", "stat -c '%U %a' /opt/littlehub/state/passwords.dbm*");
        assertTrue(
                !dbm.isBlank() && dbm.lines().allMatch(l -> l.equals("root 600")),
                "the password database is root's alone: " + dbm);
    }

    @Test
    @Order(2)
    void addAdminMakesUpAPasswordSoTheNewAdminIsNeverUnclaimed() throws Exception {
        Run r = laptop.ok("add-admin", "ta-anna");
        Matcher m = SHOWN.matcher(r.out());
        assertTrue(m.find(), r.toString());
        assertEquals("ta-anna", m.group(1));
        String shown = m.group(2);
        assertTrue(r.out().contains("set the password of admin ta-anna (generated)"), r.toString());
        assertFalse(signsIn("ta-anna", "strangers-first-password"), "a stranger cannot claim the new admin");
        assertTrue(signsIn("ta-anna", shown), "the password shown once works");
        // Again: she has a password now, so nothing is made up or shown.
        Run again = laptop.ok("add-admin", "ta-anna");
        assertFalse(SHOWN.matcher(again.out()).find(), again.toString());
        assertTrue(signsIn("ta-anna", shown));
    }

    @Test
    @Order(3)
    void aPasswordFileSetsTheAdminsPasswordAndABadOneChangesNothing() throws Exception {
        Path dir = Files.createTempDirectory(laptop.home, "pw");
        Path good = dir.resolve("good");
        Files.writeString(good, "ta-bruno-chosen-pass\n");
        Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rw-------"));
        Path open = dir.resolve("open");
        Files.writeString(open, "ta-bruno-chosen-pass\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));
        Path tooShort = dir.resolve("short");
        Files.writeString(tooShort, "abc\n");
        Files.setPosixFilePermissions(tooShort, PosixFilePermissions.fromString("rw-------"));
        String hash = configHash();
        for (Path bad : List.of(open, empty, tooShort, dir.resolve("missing"))) {
            Run r = laptop.littlehub("add-admin", "ta-bruno", "--password-file", bad.toString());
            assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
            assertTrue(r.err().contains("--password-file " + bad) && r.err().contains("nothing changed"), r.toString());
        }
        assertEquals(hash, configHash(), "no refused password file changed the roster");
        Run r = laptop.ok("add-admin", "ta-bruno", "--password-file", good.toString());
        assertTrue(r.out().contains("set the password of admin ta-bruno (from " + good + ")"), r.toString());
        assertFalse(r.out().contains("ta-bruno-chosen-pass"), "a chosen password is never printed");
        assertTrue(signsIn("ta-bruno", "ta-bruno-chosen-pass"));
    }

    @Test
    @Order(4)
    void issuedPasswordsLeaveNoStudentForAStrangerToClaim() throws Exception {
        Path file = laptop.home.resolve("class-passwords.csv");
        Run r = laptop.ok("add-student", "issued-1", "issued-2", "--issue-passwords", file.toString());
        assertTrue(r.out().contains("passwords for 2 students in " + file), r.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        List<String> lines = Files.readAllLines(file);
        assertEquals("name,password", lines.get(0));
        assertEquals(3, lines.size(), lines.toString());
        for (String line : lines.subList(1, 3)) {
            String[] nameAndPassword = line.split(",", 2);
            assertFalse(
                    signsIn(nameAndPassword[0], "strangers-first-password"),
                    "an issued student cannot be claimed: " + line);
            assertTrue(signsIn(nameAndPassword[0], nameAndPassword[1]), line);
        }
        assertFalse(r.out().contains(lines.get(1).split(",", 2)[1]), "the passwords are in the file only");
        // An existing file is never overwritten, and then the roster does not change.
        String hash = configHash();
        Run again = laptop.littlehub("add-student", "issued-3", "--issue-passwords", file.toString());
        assertEquals(ExitCodes.USAGE, again.exit(), again.toString());
        assertTrue(again.err().contains("the file exists"), again.toString());
        assertEquals(hash, configHash());
    }
}
