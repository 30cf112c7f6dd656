package io.littlehub.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A school's own certificate and key, made here by openssl as a school would, checked as the VM checks them. */
class TlsFilesTest {
    @TempDir
    static Path dir;

    static Instant notAfter;

    private static void openssl(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", argv) + "\n" + out);
    }

    @BeforeAll
    static void makeCertificates() throws Exception {
        openssl(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "hub.key",
                "-out",
                "hub.pem",
                "-days",
                "30",
                "-subj",
                "/CN=hub.example.org",
                "-addext",
                "subjectAltName=DNS:hub.example.org,DNS:*.school.org");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other.key");
        openssl("genrsa", "-traditional", "-out", "rsa.key", "2048");
        openssl(
                "req",
                "-x509",
                "-key",
                "rsa.key",
                "-out",
                "rsa.pem",
                "-days",
                "30",
                "-subj",
                "/CN=hub.example.org",
                "-addext",
                "subjectAltName=DNS:hub.example.org");
        openssl(
                "req",
                "-x509",
                "-key",
                "hub.key",
                "-out",
                "cn-only.pem",
                "-days",
                "30",
                "-subj",
                "/CN=hub.example.org");
        openssl("pkey", "-in", "hub.key", "-aes256", "-passout", "pass:secret", "-out", "encrypted.key");
        try (var in = Files.newInputStream(dir.resolve("hub.pem"))) {
            notAfter = ((X509Certificate)
                            CertificateFactory.getInstance("X.509").generateCertificate(in))
                    .getNotAfter()
                    .toInstant();
        }
    }

    private static List<String> check(String cert, String key, String domains, Instant now) {
        String yaml = "https:\n  enabled: true\n  domains: [" + domains + "]\n  tls:\n    cert: " + dir.resolve(cert)
                + "\n    key: " + dir.resolve(key) + "\n";
        return TlsFiles.onThisMachine().check(yaml, now).stream()
                .map(p -> p.toString().replace(dir + "/", ""))
                .toList();
    }

    @Test
    void aMatchingPairForItsNamesPasses() {
        assertEquals(List.of(), check("hub.pem", "hub.key", "hub.example.org, lab.school.org", Instant.now()));
        assertEquals(
                List.of(),
                check("rsa.pem", "rsa.key", "hub.example.org", Instant.now()),
                "a PKCS#1 RSA key is read too");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        assertEquals(
                List.of(
                        "line 6: https.tls.key: other.key is not the key of hub.pem (the pair does not match): use the key the certificate was made for"),
                check("hub.pem", "other.key", "hub.example.org", Instant.now()));
        assertEquals(
                List.of(
                        "line 6: https.tls.key: hub.key is not the key of rsa.pem (the pair does not match): use the key the certificate was made for"),
                check("rsa.pem", "hub.key", "hub.example.org", Instant.now()));
    }

    @Test
    void anExpiredCertificateIsRefused() {
        List<String> problems = check("hub.pem", "hub.key", "hub.example.org", notAfter.plus(Duration.ofDays(1)));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("line 5: https.tls.cert: hub.pem expired on "), problems.get(0));
        assertTrue(problems.get(0)
                .endsWith(
                        ": get a renewed certificate from whoever issued it, copy it over this file, and apply again"));
    }

    @Test
    void namesTheCertificateDoesNotCoverAreRefused() {
        assertEquals(
                List.of(
                        "line 5: https.tls.cert: hub.pem is not for a.b.school.org (it names hub.example.org, *.school.org): use a certificate"
                                + " for every name in https.domains, or change https.domains"),
                check("hub.pem", "hub.key", "hub.example.org, a.b.school.org", Instant.now()),
                "a wildcard covers one label only");
    }

    @Test
    void aCertificateWithOnlyACommonNameIsRefusedSayingSo() {
        assertEquals(
                List.of("line 5: https.tls.cert: cn-only.pem has no subjectAltName, and browsers ignore the name"
                        + " in its subject (CN=hub.example.org): get a certificate whose subjectAltName names every"
                        + " https.domains entry (openssl req ... -addext"
                        + " \"subjectAltName=DNS:hub.example.org,DNS:lab.school.org\"), copy it over this file,"
                        + " and apply again"),
                check("cn-only.pem", "hub.key", "hub.example.org, lab.school.org", Instant.now()));
    }

    /** The school's pair named in https.tls, and files that are gone from the VM. */
    private static String gonePair(boolean httpsOn, String domain) {
        return "users:\n  admin: [teacher]\nhttps:\n  enabled: " + httpsOn + "\n  domains: [" + domain
                + "]\n  tls:\n    cert: " + dir.resolve("gone.pem") + "\n    key: " + dir.resolve("gone.key") + "\n";
    }

    @Test
    void goneCertificateFilesDoNotBlockAChangeThatLeavesHttpsAlone() {
        ConfigValidator validator = new ConfigValidator();
        String on = gonePair(true, "hub.example.org");
        String onWithAStudent = on.replace("admin: [teacher]", "admin: [teacher]\n  allowed: [ada]");
        assertEquals(List.of(), validator.validateChangeOnHub(onWithAStudent, on), "a roster change goes through");
        assertEquals(
                List.of("https.tls.cert"),
                validator.validateChangeOnHub(gonePair(true, "lab.school.org"), on).stream()
                        .map(ConfigProblem::path)
                        .toList(),
                "a change to https is checked against the files");
        assertEquals(List.of(), TlsFiles.onThisMachine().check(gonePair(false, "hub.example.org"), Instant.now()));
        assertEquals(
                List.of(),
                validator.validateChangeOnHub(gonePair(false, "lab.school.org"), on),
                "HTTPS turned off: nothing reads the files");
    }

    @Test
    void missingFilesTheKeyAsCertificateAndAnEncryptedKeyAreRefused() {
        assertEquals(
                List.of(
                        "line 5: https.tls.cert: nope.pem is not on the VM: copy the certificate there first (scp, then sudo mv), or fix the path"),
                check("nope.pem", "hub.key", "hub.example.org", Instant.now()));
        assertEquals(
                List.of(
                        "line 5: https.tls.cert: hub.key holds no PEM certificate (-----BEGIN CERTIFICATE-----): use the certificate file, not the key or a .pfx"),
                check("hub.key", "hub.key", "hub.example.org", Instant.now()));
        List<String> encrypted = check("hub.pem", "encrypted.key", "hub.example.org", Instant.now());
        assertEquals(1, encrypted.size());
        assertTrue(
                encrypted
                        .get(0)
                        .startsWith(
                                "line 6: https.tls.key: encrypted.key: openssl cannot read it as an unencrypted private key ("),
                encrypted.get(0));
    }

    @Test
    void noOwnCertificateNoCheck() {
        assertEquals(
                List.of(),
                TlsFiles.onThisMachine().check("https: {enabled: true, domains: [hub.example.org]}\n", Instant.now()));
    }
}
