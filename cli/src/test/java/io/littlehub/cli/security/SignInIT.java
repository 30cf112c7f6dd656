package io.littlehub.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.common.ExitCodes;
import io.littlehub.testvm.Vm;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 16's sign-in attacks on a provisioned hub (admin "ta-nopass", named in the config with no password yet: the
 * laptop's add-admin would have set one), one test per attack,
 * named by the defence. What is checked is the effect: the hub's answer, and the FirstUse password database read as
 * root on the VM. A `config set` restarts the hub, which also starts the throttle's counts afresh.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInIT {
    private static final String PASSWORDS = "/opt/littlehub/state/passwords.dbm";
    private static final String HUB_PYTHON = "/opt/littlehub/current/hub/bin/python3";
    private static final String REFUSED = "Invalid username or password";
    private static final String NO_PASSWORD_ADMIN = "ta-nopass";

    @AutoClose
    static TeacherLaptop laptop;

    static Vm vm;
    static String base;

    @BeforeAll
    static void bootAProvisionedHub() throws Exception {
        laptop = TeacherLaptop.boot("sig-" + ProcessHandle.current().pid());
        vm = laptop.vm;
        base = laptop.base;
        laptop.ok("add-student", "ada", "bob", "carol", "dave");
        laptop.ok("config", "add-item", "users.admin", NO_PASSWORD_ADMIN);
    }

    /** The names that have a password in the FirstUse database, read by root with the hub's own Python. */
    static List<String> storedNames() {
        String names = vm.check(
                        "sudo",
                        HUB_PYTHON,
                        "-c",
                        "import dbm, sys; p = sys.argv[1]; "
                                + "print(' '.join(sorted(k.decode() for k in dbm.open(p, 'r').keys())) if dbm.whichdb(p) else '')",
                        PASSWORDS)
                .strip();
        return names.isEmpty() ? List.of() : Arrays.asList(names.split(" "));
    }

    static HttpResponse<String> signIn(String user, String password) throws Exception {
        return new HubClient(base).login(user, password);
    }

    static boolean signedIn(HttpResponse<String> r) {
        return r.statusCode() == 200 && r.uri().getPath().endsWith("/hub/home");
    }

    static void assertRefused(HttpResponse<String> r, String why) {
        assertEquals(403, r.statusCode(), why + ": " + r.body());
        assertTrue(r.body().contains(REFUSED), why + ": the one answer for every refusal\n" + r.body());
    }

    @Test
    @Order(1)
    void onlyTheRosterSignsInAndAStrangersNameGetsNoPassword() throws Exception {
        assertTrue(
                signedIn(signIn("ada", "ada-first-password")),
                "a student on the roster chooses a password at first sign-in");
        assertRefused(signIn("notonroster1", "stranger-password-1"), "a name not on the roster");
        assertFalse(storedNames().contains("notonroster1"), "nothing stored for it: " + storedNames());
        assertTrue(storedNames().contains("ada"));
        Run old = laptop.littlehub("config", "set", "auth.only_listed_users", "true");
        assertEquals(ExitCodes.INVALID_CONFIG, old.exit(), old.toString());
        assertTrue(old.err().contains("users.open_signup"), "the replaced key names its replacement: " + old);
    }

    @Test
    @Order(2)
    void anAdminWithoutAPasswordCannotBeClaimedByAFirstSignIn() throws Exception {
        assertFalse(storedNames().contains(NO_PASSWORD_ADMIN), "the admin has no password yet");
        assertRefused(signIn(NO_PASSWORD_ADMIN, "i-am-the-teacher-now"), "claiming the admin");
        assertFalse(storedNames().contains(NO_PASSWORD_ADMIN), "nothing stored for the admin: " + storedNames());
    }

    @Test
    @Order(3)
    void aBannedNameStoresNothingAndReadmissionForgetsAnOldPassword() throws Exception {
        laptop.ok("remove-student", "bob");
        assertRefused(signIn("bob", "bobs-new-password"), "a banned name");
        assertFalse(storedNames().contains("bob"), "nothing stored for a banned name: " + storedNames());
        // A password stored for the banned name by an older release (FirstUse stored before refusing): re-admitting
        // the student must not hand the account to whoever chose it.
        vm.check(
                "sudo",
                HUB_PYTHON,
                "-c",
                "import bcrypt, dbm, sys; db = dbm.open(sys.argv[1], 'c', 0o600); "
                        + "db[sys.argv[2].encode()] = bcrypt.hashpw(sys.argv[3].encode(), bcrypt.gensalt()); db.close()",
                PASSWORDS,
                "bob",
                "squatter-pass");
        Run back = laptop.ok("add-student", "bob");
        assertTrue(back.out().contains("bob: added") && back.out().contains("forgotten"), back.toString());
        assertFalse(storedNames().contains("bob"), "the squatter's password is gone: " + storedNames());
        assertTrue(signedIn(signIn("bob", "bobs-own-password")), "the re-admitted student chooses their own password");
        assertRefused(signIn("bob", "squatter-pass"), "the squatter's password");
    }

    @Test
    @Order(4)
    void anUnknownNameAndAWrongPasswordLookAlike() throws Exception {
        laptop.ok("config", "set", "auth.throttle.enabled", "false");
        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long t = System.nanoTime();
            HttpResponse<String> u = signIn("no-such-student-" + i, "some-password-1");
            unknown.add(System.nanoTime() - t);
            t = System.nanoTime();
            HttpResponse<String> w = signIn("ada", "not-adas-password");
            wrong.add(System.nanoTime() - t);
            assertRefused(u, "an unknown name");
            assertRefused(w, "a wrong password");
        }
        long unknownMs = median(unknown) / 1_000_000;
        long wrongMs = median(wrong) / 1_000_000;
        System.out.printf(
                "sign-in refused: unknown name median %d ms, wrong password median %d ms%n", unknownMs, wrongMs);
        // Without the stand-in hash an unknown name is answered in a few ms and a wrong password after a bcrypt hash.
        assertTrue(
                unknownMs * 2 > wrongMs && wrongMs * 2 > unknownMs,
                "similar times: " + unknownMs + " vs " + wrongMs + " ms");
        laptop.ok("config", "set", "auth.throttle.enabled", "true");
    }

    @Test
    @Order(5)
    void twentyWrongPasswordsAreThrottledAndTheRightOneWorksAfterTheWait() throws Exception {
        laptop.ok("config", "set", "auth.throttle", "{lockout_seconds: 6, max_lockout_seconds: 12}");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 20; i++) {
            last = signIn("ada", "guess-" + i);
            statuses.add(last.statusCode());
        }
        System.out.println("20 wrong passwords for ada: " + statuses);
        assertEquals(List.of(403, 403, 403, 403, 403), statuses.subList(0, 5), "5 failures are answered");
        assertEquals(429, statuses.get(5), "the 6th is throttled: " + statuses);
        assertEquals(429, last.statusCode());
        assertTrue(last.body().contains("Too many failed sign-ins for this user name. Try again in"), last.body());
        int retryAfter =
                Integer.parseInt(last.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 12, "Retry-After " + retryAfter);
        HttpResponse<String> early = signIn("ada", "ada-first-password");
        assertEquals(
                429, early.statusCode(), "during the lockout even the right password is refused: no guess is checked");
        assertTrue(
                signedIn(signIn("dave", "dave-first-password")),
                "another student signs in meanwhile from the same address");
        Thread.sleep(Integer.parseInt(early.headers().firstValue("Retry-After").orElseThrow()) * 1000L + 500);
        assertTrue(signedIn(signIn("ada", "ada-first-password")), "after the wait the right password works");
    }

    @Test
    @Order(6)
    void aForgedForwardedForDoesNotEscapeTheThrottle() throws Exception {
        laptop.ok(
                "config",
                "set",
                "auth.throttle",
                "{failures_per_address: 10, lockout_seconds: 30, max_lockout_seconds: 60}");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 1; i <= 12; i++) {
            // A stranger guessing at a new name each time, claiming a new address each time in both headers
            // Tornado reads.
            last = new HubClient(base)
                    .login(
                            "guess-name-" + i,
                            "password-" + i,
                            Map.of("X-Forwarded-For", "203.0.113." + i, "X-Real-Ip", "198.51.100." + i));
            statuses.add(last.statusCode());
        }
        System.out.println("12 forged addresses: " + statuses);
        assertEquals(List.of(403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 429, 429), statuses);
        assertTrue(last.body().contains("Too many failed sign-ins from your network address"), last.body());
        // The same name from forged addresses: the name's own count holds too.
        laptop.ok("config", "set", "auth.throttle", "{lockout_seconds: 30, max_lockout_seconds: 60}");
        assertTrue(signedIn(signIn("carol", "carol-first-password")));
        statuses.clear();
        for (int i = 1; i <= 6; i++) {
            statuses.add(new HubClient(base)
                    .login("carol", "guess-" + i, Map.of("X-Forwarded-For", "203.0.113." + i))
                    .statusCode());
        }
        assertEquals(
                List.of(403, 403, 403, 403, 403, 429), statuses, "carol's name is locked whatever the header says");
    }

    @Test
    @Order(7)
    void openSignupLetsANewNameInButNeverAnAdminAndStatusWarns() throws Exception {
        Run plain = laptop.ok("status");
        assertTrue(plain.out().contains("only the roster"), plain.toString());
        assertFalse(plain.out().contains("warning"), plain.toString());
        laptop.ok("config", "set", "users.open_signup", "true");
        assertTrue(signedIn(signIn("newcomer", "newcomer-password")), "open sign-up lets a new name in");
        assertTrue(storedNames().contains("newcomer"));
        assertRefused(
                signIn(NO_PASSWORD_ADMIN, "i-am-the-teacher-now"), "an admin is never claimed, even with open sign-up");
        assertFalse(storedNames().contains(NO_PASSWORD_ADMIN));
        Run status = laptop.littlehub("status");
        assertTrue(status.out().contains("warning   open sign-up over plain HTTP"), status.toString());
        Run doctor = laptop.littlehub("doctor");
        assertNotEquals(ExitCodes.OK, doctor.exit(), doctor.toString());
        assertTrue(doctor.out().contains("open sign-up over plain HTTP"), doctor.toString());
        laptop.ok("config", "set", "users.open_signup", "false");
        assertRefused(signIn("newcomer2", "newcomer-password"), "closed again");
    }

    @Test
    @Order(8)
    void nativeSignInIsThrottledToo() throws Exception {
        laptop.ok("config", "set", "auth", "{type: native}");
        assertEquals(
                200,
                new HubClient(base).signUp("ada", "Ada-native-pass-1").statusCode(),
                "ada, on the roster, is approved at sign-up");
        assertTrue(
                signedIn(signIn("ada", "Ada-native-pass-1")),
                "native sign-in works (its login handler needed JupyterHub 5's statsd)");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 1; i <= 6; i++) {
            last = signIn("ada", "guess-" + i);
            assertFalse(signedIn(last));
            statuses.add(last.statusCode());
        }
        // Native answers a refusal with its login page (200), not 403.
        assertEquals(List.of(200, 200, 200, 200, 200, 429), statuses);
        assertTrue(last.body().contains("Too many failed sign-ins for this user name. Try again in"), last.body());
        assertTrue(last.headers().firstValue("Retry-After").isPresent());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
