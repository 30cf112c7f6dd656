package io.littlehub.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedCertificateTest {
    @Test
    void describesExpiryIssuerAndTimeLeft(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "ec",
                        "-pkeyopt",
                        "ec_paramgen_curve:P-256",
                        "-nodes",
                        "-keyout",
                        "k.pem",
                        "-out",
                        "c.pem",
                        "-days",
                        "30",
                        "-subj",
                        "/O=School/CN=School CA R3")
                .directory(dir.toFile())
                .inheritIO()
                .start();
        assertEquals(0, p.waitFor());
        X509Certificate cert;
        try (var in = Files.newInputStream(dir.resolve("c.pem"))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Instant expires = cert.getNotAfter().toInstant();
        assertEquals(
                new HubStatus.Certificate(expires.toString(), "hub.example.org, from School CA R3, 29 days left"),
                ServedCertificate.describe(
                        "hub.example.org",
                        cert,
                        expires.minus(Duration.ofDays(29).plusHours(3))));
        assertEquals(
                "hub.example.org, from School CA R3, 5 hours left",
                ServedCertificate.describe("hub.example.org", cert, expires.minus(Duration.ofHours(5)))
                        .note());
        assertEquals(
                "hub.example.org, from School CA R3, EXPIRED",
                ServedCertificate.describe("hub.example.org", cert, expires.plusSeconds(1))
                        .note());
    }
}
