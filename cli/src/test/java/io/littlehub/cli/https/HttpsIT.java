package io.littlehub.cli.https;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.cli.provision.VmFiles;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on a provisioned hub, against a real ACME server (pebble, Let's Encrypt's test server) that validates
 * through the VM's port 80: a certificate is issued, a student signs in over HTTPS, plain HTTP redirects, TLS 1.1
 * is refused, the certificate is renewed by itself as it nears expiry, `status` shows when it expires; a backup
 * restored onto the hub after Caddy's state was lost brings back the same certificate and account without asking the
 * CA (issue 21); then a school's own certificate (a mismatched key and an expired certificate refused first, nothing applied) and HTTPS
 * switched off again. A browser given the VM's address gets the hub's certificate (so its warning names the hub)
 * and a redirect to the name, not a TLS alert.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpsIT {
    private static final String DOMAIN = "hub.littlehub.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pebble's certificates live this long, so Caddy renews one (at a third of its life left) a minute and a half in. */
    private static final int VALIDITY_SECONDS = 150;

    @TempDir
    static Path dir;

    static TeacherLaptop laptop;
    static AcmeTestServer acme;
    /** The restore test's CA, whose certificates outlive a backup and a restore. */
    static AcmeTestServer lasting;

    static TestCertificates certs;
    static String vmAddress;
    static String configBefore;
    static Path pebbleRoot;
    static String firstExpiry;

    @BeforeAll
    static void hubAndAcmeServer() throws Exception {
        laptop = TeacherLaptop.boot("lh-https");
        // "1.1.1.1 via 10.23.N.1 dev host0 src 10.23.N.2 ...": this host as the VM sees it, and the VM's own address.
        List<String> route = List.of(
                laptop.vm.check("ip", "-4", "route", "get", "1.1.1.1").strip().split("\\s+"));
        String hostAddress = route.get(route.indexOf("via") + 1);
        vmAddress = route.get(route.indexOf("src") + 1);
        certs = new TestCertificates(dir);
        acme = AcmeTestServer.start(certs, hostAddress, vmAddress, VALIDITY_SECONDS);
        VmFiles.writeAsRoot(laptop.vm, "/etc/littlehub/acme-ca.pem", Files.readString(acme.serverCa()));
        // Caddy looks for certificates to renew every 10 minutes; the test cannot wait that long.
        VmFiles.writeAsRoot(
                laptop.vm,
                "/etc/systemd/system/littlehub-https.service.d/renew-interval.conf",
                "[Service]\nEnvironment=LITTLEHUB_HTTPS_RENEW_INTERVAL=15s\n");
        // Only the roster signs in: the two students who sign in below.
        assertEquals(0, laptop.littlehub("add-student", "ada", "bob").exit());
        configBefore = laptop.littlehub("config", "show", "--show-secrets").out();
    }

    @AfterAll
    static void cleanUp() {
        for (AcmeTestServer ca : new AcmeTestServer[] {acme, lasting}) {
            if (ca != null) {
                ca.close();
            }
        }
        if (laptop != null) {
            laptop.close();
        }
    }

    private static TeacherLaptop.Run apply(String httpsSection) throws Exception {
        Path file = Files.createTempFile(dir, "hub", ".yaml");
        Files.writeString(file, configBefore + httpsSection);
        return laptop.littlehub("config", "apply", file.toString(), "--yes");
    }

    private static JsonNode status() throws Exception {
        return JSON.readTree(laptop.littlehub("status", "--json").out());
    }

    /** Whose certificate is served, from `status --json`'s note without its "N min left" (a minute may pass). */
    private static String servedBy() throws Exception {
        return status().path("certificate").path("note").asText().replaceAll(", [^,]+ left$", "");
    }

    /** The certificate's expiry as `status --json` reports it, once one is served that expires other than {@code not}. */
    private static String awaitCertificate(String not, Duration timeout) throws Exception {
        return awaitCertificate(expires -> not == null || !expires.equals(Instant.parse(not)), acme, timeout);
    }

    /** The served certificate's expiry ({@code status --json}) once {@code wanted} takes it; {@code ca} issues it. */
    private static String awaitCertificate(Predicate<Instant> wanted, AcmeTestServer ca, Duration timeout)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode cert = status().path("certificate");
            if (cert.hasNonNull("expires")
                    && wanted.test(Instant.parse(cert.get("expires").asText()))) {
                return cert.get("expires").asText();
            }
            Thread.sleep(3000);
        }
        throw new AssertionError("no new certificate within " + timeout.toSeconds() + " s; pebble:\n" + ca.log()
                + "\ncaddy:\n" + laptop.littlehub("logs", "https", "-n", "40").out());
    }

    @Test
    @Order(1)
    void acmeCertificateSignInRedirectAndTls12() throws Exception {
        long t = System.nanoTime();
        String https = """
                https:
                  enabled: true
                  domains: [%s]
                  letsencrypt: {email: teacher@littlehub.test}
                  acme: {directory: "%s", ca_root: /etc/littlehub/acme-ca.pem}
                """.formatted(DOMAIN, acme.directory());
        TeacherLaptop.Run run = apply(https);
        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        firstExpiry = awaitCertificate(null, Duration.ofSeconds(120));
        System.out.printf(
                "HttpsIT: HTTPS on and a certificate served %d ms after `config apply` started (expires %s)%n",
                (System.nanoTime() - t) / 1_000_000, firstExpiry);

        pebbleRoot = acme.issuingRoot(dir.resolve("pebble-root.pem"));
        CurlStudent ada = new CurlStudent(DOMAIN, vmAddress, pebbleRoot, dir);
        CurlStudent.Response login = ada.signIn("ada", "correct-horse-42");
        assertEquals(302, login.status(), login.toString());
        assertTrue(login.header("Location").endsWith("/hub/home"), login.headers());
        CurlStudent.Response home = ada.get("https://" + DOMAIN + "/hub/home");
        assertEquals(200, home.status(), home.toString());
        assertTrue(home.body().contains("ada"), "the home page is ada's");
        List<String> session = ada.cookie("jupyterhub-session-id");
        assertTrue(
                session.size() == 1 && session.get(0).split("\t")[3].equals("TRUE"),
                "the hub knows it is behind HTTPS: its cookies are Secure " + session);

        CurlStudent.Response http = ada.get("http://" + DOMAIN + "/hub/login?next=%2Fhub%2Fhome");
        assertEquals(308, http.status(), http.toString());
        assertEquals("https://" + DOMAIN + "/hub/login?next=%2Fhub%2Fhome", http.header("Location"));
        CurlStudent.Response byAddress = ada.get("http://" + vmAddress + "/");
        assertEquals(
                "https://" + DOMAIN + "/",
                byAddress.header("Location"),
                "a student who typed the address lands on the hub's name");

        // Issue 18: HTTPS by the address (no server name in the handshake) gets the hub's certificate, not an alert.
        String certByAddress = certificateByAddress();
        assertTrue(certByAddress.contains("DNS:" + DOMAIN), "the browser's warning names the hub:\n" + certByAddress);
        CurlStudent.Response pastTheWarning = ada.get("https://" + vmAddress + "/", "--insecure");
        assertEquals(308, pastTheWarning.status(), pastTheWarning.toString());
        assertEquals("https://" + DOMAIN + "/", pastTheWarning.header("Location"), "past the warning: to the name");

        assertTrue(handshake("-tls1_2").contains("Protocol  : TLSv1.2"), "TLS 1.2 is served");
        String tls11 = handshake("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        assertTrue(
                tls11.contains("alert protocol version"),
                "the hub refuses TLS 1.1 (a client offering it gets a protocol alert):\n" + tls11);
        CurlStudent stranger = new CurlStudent(DOMAIN, vmAddress, acme.serverCa(), dir);
        assertNotEquals(
                0,
                stranger.get("https://" + DOMAIN + "/hub/login").exit(),
                "a client that does not trust pebble's CA is refused");

        TeacherLaptop.Run again = apply(https);
        assertEquals(ExitCodes.OK, again.exit(), again.toString());
        assertTrue(
                again.out().contains(" changed=0 "),
                "the same config again changes nothing, restarts nothing: " + again);

        String human = laptop.littlehub("status").out();
        assertTrue(
                human.lines()
                        .anyMatch(l -> l.startsWith("https     certificate expires ")
                                && l.contains(DOMAIN + ", from Pebble Intermediate CA")),
                human);
    }

    @Test
    @Order(2)
    void theCertificateIsRenewedBeforeItExpires() throws Exception {
        long t = System.nanoTime();
        String renewed = awaitCertificate(firstExpiry, Duration.ofSeconds(VALIDITY_SECONDS + 60));
        System.out.printf(
                "HttpsIT: renewed after %d ms more; the certificate expiring %s replaced that of %s%n",
                (System.nanoTime() - t) / 1_000_000, renewed, firstExpiry);
        assertTrue(Instant.parse(renewed).isAfter(Instant.parse(firstExpiry)));
        assertTrue(Instant.now().isBefore(Instant.parse(firstExpiry)), "renewed before the old one expired");
        assertEquals(
                200,
                new CurlStudent(DOMAIN, vmAddress, pebbleRoot, dir)
                        .get("https://" + DOMAIN + "/hub/login")
                        .status());
    }

    /**
     * Issue 21: a hub restored from a backup keeps Caddy's ACME account and certificates, so it does not ask the CA
     * again (Let's Encrypt limits duplicate certificates per week). The certificates above live 150 s, less than a backup
     * and a restore take, and Caddy rightly renews an expired one at once: so this certificate comes from a second pebble
     * whose certificates live an hour. The teacher then loses Caddy's state as a rebuilt VM has none (the front stopped,
     * its state folder gone) and restores the backup. A student's client gets the very same certificate again, Caddy
     * has the same account key, and the CA saw no new account, order or certificate, during the restore or after it.
     */
    @Test
    @Order(3)
    void aRestoredHubServesTheSameCertificateFromTheSameAccountAndAsksTheCaForNothing() throws Exception {
        lasting = AcmeTestServer.start(
                new TestCertificates(Files.createDirectories(dir.resolve("lasting"))),
                acme.hostAddress,
                vmAddress,
                3600);
        VmFiles.writeAsRoot(laptop.vm, "/etc/littlehub/acme-ca-lasting.pem", Files.readString(lasting.serverCa()));
        TeacherLaptop.Run on = apply("""
                https:
                  enabled: true
                  domains: [%s]
                  letsencrypt: {email: teacher@littlehub.test}
                  acme: {directory: "%s", ca_root: /etc/littlehub/acme-ca-lasting.pem}
                """.formatted(DOMAIN, lasting.directory()));
        assertEquals(ExitCodes.OK, on.exit(), on.toString());
        awaitCertificate(
                expires -> expires.isAfter(Instant.now().plus(Duration.ofMinutes(30))),
                lasting,
                Duration.ofSeconds(120));
        String certificate = servedCertificate();
        String accountKeys = accountKeys();
        AcmeTestServer.Requests asked = lasting.requests();
        assertTrue(certificate.contains("Fingerprint="), certificate);
        assertTrue(accountKeys.contains("/users/"), "Caddy's account key:\n" + accountKeys);
        assertTrue(asked.accounts() > 0 && asked.certificates() > 0, asked.toString());

        Path backups = Files.createDirectories(dir.resolve("backups"));
        Path passphrase = laptop.passwordFile("restore-me-please");
        TeacherLaptop.Run backup =
                laptop.littlehub("backup", "--to-dir", backups.toString(), "--passphrase-file", passphrase.toString());
        assertEquals(ExitCodes.OK, backup.exit(), backup.toString());
        Path archive;
        try (var files = Files.list(backups)) {
            archive = files.filter(p -> p.toString().endsWith(".littlehub-backup.tar"))
                    .findFirst()
                    .orElseThrow();
        }

        laptop.vm.check("sudo", "systemctl", "stop", Layout.HTTPS_UNIT);
        laptop.vm.check("sudo", "rm", "-rf", "--", Layout.HTTPS_STATE);
        assertTrue(!servedCertificate().contains("Fingerprint="), "Caddy's state is gone: no HTTPS");

        long t = System.nanoTime();
        TeacherLaptop.Run restore = laptop.littlehub(laptop.withTheVm(
                List.of("restore", archive.toString()),
                "--yes",
                "--hub",
                "test-hub",
                "--passphrase-file",
                passphrase.toString()));
        assertEquals(ExitCodes.OK, restore.exit(), restore.toString());
        long restoreMillis = (System.nanoTime() - t) / 1_000_000;
        String restored = servedCertificateWithin(Duration.ofSeconds(30));
        assertEquals(certificate, restored, "a student's client gets the certificate the hub had before");
        assertEquals(accountKeys, accountKeys(), "Caddy's ACME account is the one it had");
        CurlStudent ada =
                new CurlStudent(DOMAIN, vmAddress, lasting.issuingRoot(dir.resolve("pebble-root-lasting.pem")), dir);
        assertEquals(302, ada.signIn("ada", "correct-horse-42").status(), "ada signs in over HTTPS as before");
        // Caddy looks at its certificates every 15 s here: two rounds, in which it must find nothing to ask for.
        Thread.sleep(35_000);
        assertEquals(
                asked,
                lasting.requests(),
                "the CA was asked for no account, order or certificate during the restore or after it; pebble:\n"
                        + lasting.log());
        System.out.printf(
                "HttpsIT: restore onto the hub without Caddy's state took %d ms; the same certificate (%s), the same"
                        + " account; pebble's accounts, orders and certificates %s before and after%n",
                restoreMillis, restored.replace('\n', ' '), asked);
    }

    @Test
    @Order(4)
    void aSchoolsOwnCertificateAfterABadPairAndAnExpiredOneAreRefused() throws Exception {
        certs.ca("school-ca", "littlehub test school CA");
        certs.leaf("hub", "school-ca", "DNS:" + DOMAIN);
        certs.leaf("other", "school-ca", "DNS:" + DOMAIN);
        certs.expiredLeaf("old", "school-ca", "DNS:" + DOMAIN);
        for (String name : List.of("hub", "other", "old")) {
            VmFiles.writeAsRoot(
                    laptop.vm, "/etc/littlehub/tls/" + name + ".pem", Files.readString(certs.file(name + ".pem")));
            VmFiles.writeAsRoot(
                    laptop.vm, "/etc/littlehub/tls/" + name + ".key", Files.readString(certs.file(name + ".key")));
        }
        String own = """
                https:
                  enabled: true
                  domains: [%s]
                  tls: {cert: /etc/littlehub/tls/%s.pem, key: /etc/littlehub/tls/%s.key}
                """;
        String served = servedBy();
        String config = laptop.littlehub("config", "show").out();

        TeacherLaptop.Run mismatched = apply(own.formatted(DOMAIN, "hub", "other"));
        assertEquals(ExitCodes.INVALID_CONFIG, mismatched.exit(), mismatched.toString());
        assertTrue(
                mismatched
                        .err()
                        .contains(
                                "https.tls.key: /etc/littlehub/tls/other.key is not the key of /etc/littlehub/tls/hub.pem"),
                mismatched.err());
        TeacherLaptop.Run expired = apply(own.formatted(DOMAIN, "old", "old"));
        assertEquals(ExitCodes.INVALID_CONFIG, expired.exit(), expired.toString());
        assertTrue(
                expired.err().contains("https.tls.cert: /etc/littlehub/tls/old.pem expired on 2020-01-31 00:00 UTC"),
                expired.err());
        assertEquals(config, laptop.littlehub("config", "show").out(), "nothing was applied");
        assertEquals(served, servedBy(), "the hub still serves pebble's certificate");

        TeacherLaptop.Run good = apply(own.formatted(DOMAIN, "hub", "hub"));
        assertEquals(ExitCodes.OK, good.exit(), good.toString());
        String note = status().path("certificate").path("note").asText();
        assertTrue(note.startsWith(DOMAIN + ", from littlehub test school CA, 29 days left"), note);
        CurlStudent bob = new CurlStudent(DOMAIN, vmAddress, certs.file("school-ca.pem"), dir);
        assertEquals(302, bob.signIn("bob", "battery-staple-7").status());
        String schoolsByAddress = certificateByAddress();
        assertTrue(
                schoolsByAddress.contains("DNS:" + DOMAIN) && schoolsByAddress.contains("littlehub test school CA"),
                "by address: the school's certificate:\n" + schoolsByAddress);
        assertEquals(
                0,
                laptop.vm
                        .exec("sudo", "test", "-r", "/etc/littlehub/tls/hub.key")
                        .exitCode(),
                "the key stays root's");
    }

    @Test
    @Order(5)
    void httpsOffGivesPort80BackToTheProxy() throws Exception {
        TeacherLaptop.Run off = laptop.littlehub("config", "set", "https.enabled", "false");
        assertEquals(ExitCodes.OK, off.exit(), off.toString());
        assertEquals(
                "inactive",
                laptop.vm
                        .exec("systemctl", "is-active", "littlehub-https")
                        .stdout()
                        .strip());
        CurlStudent plain = new CurlStudent(DOMAIN, vmAddress, pebbleRoot, dir);
        assertEquals(200, plain.get("http://" + DOMAIN + "/hub/health").status());
        assertEquals("no HTTPS yet", status().path("certificate").path("note").asText());
    }

    /**
     * Issue 16, item 8: one key names the hub after the VM's address through a wildcard-DNS service and gets it a
     * real certificate. pebble-challtestsrv answers for 10-23-N-2.sslip.io here as sslip.io's servers would on the
     * internet. The VM's own address is private, so finding it is refused (naming the key to set) before the address
     * is given. Cookies are SameSite=Lax and Secure; HSTS only once asked for.
     */
    @Test
    @Order(6)
    void oneKeyGetsTheAddresssNameARealCertificateAndHstsIsSentOnlyWhenAskedFor() throws Exception {
        String name = vmAddress.replace('.', '-') + ".sslip.io";
        // The test before turned HTTPS off with https.enabled: false, which the one key would contradict.
        assertEquals(
                ExitCodes.OK,
                laptop.littlehub("config", "unset", "https.enabled").exit());
        TeacherLaptop.Run found = laptop.littlehub("config", "set", "https.address_name", "sslip.io");
        assertEquals(ExitCodes.INVALID_CONFIG, found.exit(), found.toString());
        assertTrue(
                found.err().contains(vmAddress + ", a private address")
                        && found.err().contains("config set https.public_address"),
                found.err());

        long t = System.nanoTime();
        String section = """
                https:
                  address_name: sslip.io
                  public_address: %s
                  letsencrypt: {email: teacher@littlehub.test}
                  acme: {directory: "%s", ca_root: /etc/littlehub/acme-ca.pem}
                """.formatted(vmAddress, acme.directory());
        TeacherLaptop.Run on = apply(section);
        assertEquals(ExitCodes.OK, on.exit(), on.toString());
        awaitCertificate(null, Duration.ofSeconds(120));
        String note = status().path("certificate").path("note").asText();
        System.out.printf(
                "HttpsIT: %s served %d ms after `config apply` started: %s%n",
                name, (System.nanoTime() - t) / 1_000_000, note);
        assertTrue(note.startsWith(name + ", from Pebble"), note);

        CurlStudent ada = new CurlStudent(name, vmAddress, acme.issuingRoot(dir.resolve("pebble-root-5.pem")), dir);
        CurlStudent.Response login = ada.signIn("ada", "correct-horse-42");
        assertEquals(302, login.status(), login.toString());
        List<String> cookies = login.headers()
                .lines()
                .filter(l -> l.toLowerCase().startsWith("set-cookie:"))
                .toList();
        assertTrue(
                !cookies.isEmpty()
                        && cookies.stream()
                                .allMatch(c -> c.toLowerCase().contains("samesite=lax")
                                        && c.toLowerCase().contains("; secure")),
                "every cookie SameSite=Lax and Secure: " + cookies);
        assertEquals(
                "",
                ada.get("https://" + name + "/hub/login").header("Strict-Transport-Security"),
                "no HSTS unless asked for");
        assertEquals(
                "https://" + name + "/",
                ada.get("http://" + vmAddress + "/").header("Location"),
                "plain HTTP redirects to the name");

        TeacherLaptop.Run hsts = apply(section + "  hsts: {enabled: true, max_age: 300}\n");
        assertEquals(ExitCodes.OK, hsts.exit(), hsts.toString());
        assertEquals("max-age=300", ada.get("https://" + name + "/hub/login").header("Strict-Transport-Security"));
    }

    /** The certificate a student's client gets for the hub's name: openssl's SHA-256 fingerprint and serial of it. */
    private static String servedCertificate() throws Exception {
        return output(List.of("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-serial"), handshake())
                .strip();
    }

    /** {@link #servedCertificate()} once there is one (Caddy may still be loading its certificates at its start). */
    private static String servedCertificateWithin(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String served = servedCertificate();
        while (!served.contains("Fingerprint=") && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            served = servedCertificate();
        }
        return served;
    }

    /** The SHA-256 of each ACME account key in Caddy's state on the VM, with its path. */
    private static String accountKeys() {
        return laptop.vm.check(
                "sudo",
                "sh",
                "-c",
                "cd \"$1\" && find . -path '*/acme/*/users/*' -name '*.key' | sort | xargs -r sha256sum",
                "sh",
                Layout.HTTPS_STATE);
    }

    private static String handshake(String... options) throws Exception {
        List<String> argv =
                new ArrayList<>(List.of("openssl", "s_client", "-connect", vmAddress + ":443", "-servername", DOMAIN));
        argv.addAll(List.of(options));
        return output(argv, "");
    }

    /**
     * A browser given the VM's address sends no server name (SNI): the subjectAltName of the certificate it gets, or
     * what openssl says instead (a TLS alert, no certificate).
     */
    private static String certificateByAddress() throws Exception {
        String served = output(List.of("openssl", "s_client", "-connect", vmAddress + ":443", "-noservername"), "");
        return served + "\n" + output(List.of("openssl", "x509", "-noout", "-ext", "subjectAltName"), served);
    }

    private static String output(List<String> argv, String stdin) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes());
        }
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
