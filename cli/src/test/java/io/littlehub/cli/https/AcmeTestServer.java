package io.littlehub.cli.https;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Let's Encrypt's test server on this host, from Debian's {@code pebble} package: {@code pebble} (the ACME CA) and
 * {@code pebble-challtestsrv} as its DNS, which answers every name with the hub VM's address. So the CA validates
 * HTTP-01 against the VM's real port 80, as Let's Encrypt would over the internet. Its own HTTPS certificate comes
 * from a test CA the hub must be told about ({@code https.acme.ca_root}), as a school's ACME server's would; the
 * certificates it issues live {@code validitySeconds}, so a renewal happens within minutes.
 */
final class AcmeTestServer implements AutoCloseable {
    static final Path PEBBLE = Path.of("/usr/bin/pebble");
    static final Path CHALLTESTSRV = Path.of("/usr/bin/pebble-challtestsrv");

    final int port;
    final int managementPort;
    final String hostAddress;
    private final Path dir;
    private final Process dns;
    private final Process pebble;

    private AcmeTestServer(Path dir, String hostAddress, int port, int managementPort, Process dns, Process pebble) {
        this.dir = dir;
        this.hostAddress = hostAddress;
        this.port = port;
        this.managementPort = managementPort;
        this.dns = dns;
        this.pebble = pebble;
    }

    /** Starts both, serving on {@code hostAddress} (where the VM reaches this host), every name resolving to {@code vmAddress}. */
    static AcmeTestServer start(TestCertificates certs, String hostAddress, String vmAddress, int validitySeconds)
            throws Exception {
        if (!Files.isExecutable(PEBBLE) || !Files.isExecutable(CHALLTESTSRV)) {
            throw new IllegalStateException(
                    PEBBLE + " is missing: install Debian's pebble package (apt-get install pebble; .ci/run does)");
        }
        certs.ca("acme-ca", "littlehub test ACME server CA");
        certs.leaf("acme-server", "acme-ca", "IP:" + hostAddress + ",IP:127.0.0.1");
        int port = freePort();
        int managementPort = freePort();
        int dnsPort = freePort();
        Files.writeString(certs.file("pebble.json"), """
                {"pebble": {"listenAddress": "0.0.0.0:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": 80, "tlsPort": 443,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false, "certificateValidityPeriod": %d}}
                """.formatted(
                port, managementPort, certs.file("acme-server.pem"), certs.file("acme-server.key"), validitySeconds));
        Path dir = certs.file("");
        Process dns = new ProcessBuilder(
                        CHALLTESTSRV.toString(),
                        "-defaultIPv4",
                        vmAddress,
                        "-defaultIPv6",
                        "",
                        "-dns01",
                        "127.0.0.1:" + dnsPort,
                        "-http01",
                        "",
                        "-https01",
                        "",
                        "-tlsalpn01",
                        "",
                        "-management",
                        "127.0.0.1:" + freePort())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("challtestsrv.log").toFile())
                .start();
        ProcessBuilder pb = new ProcessBuilder(
                        PEBBLE.toString(),
                        "-config",
                        certs.file("pebble.json").toString(),
                        "-dnsserver",
                        "127.0.0.1:" + dnsPort)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("pebble.log").toFile());
        // No random sleeps before validations, no nonces refused on purpose: the test is about the hub, not ACME
        // clients' retries.
        pb.environment().put("PEBBLE_VA_NOSLEEP", "1");
        pb.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        AcmeTestServer server = new AcmeTestServer(dir, hostAddress, port, managementPort, dns, pb.start());
        server.awaitUp();
        return server;
    }

    /** The ACME directory URL the hub is configured with. */
    String directory() {
        return "https://" + hostAddress + ":" + port + "/dir";
    }

    /** The CA file that signs this server's own HTTPS certificate. */
    Path serverCa() {
        return dir.resolve("acme-ca.pem");
    }

    /** Pebble's root for the certificates it issues (made anew at each start), saved as {@code file}. */
    Path issuingRoot(Path file) throws Exception {
        Files.writeString(
                file,
                client().send(
                                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + managementPort + "/roots/0"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
        return file;
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("pebble.log"));
    }

    /** What ACME clients have asked of this server so far: accounts registered, orders placed, certificates issued. */
    record Requests(long accounts, long orders, long certificates) {}

    /** Counted from pebble's log, which has a line for each ("There are now N accounts in memory", …). */
    Requests requests() throws IOException {
        List<String> lines = log().lines().toList();
        return new Requests(
                lines.stream().filter(l -> l.contains(" accounts in memory")).count(),
                lines.stream().filter(l -> l.contains("Added order ")).count(),
                lines.stream()
                        .filter(l -> l.contains("Issued certificate serial "))
                        .count());
    }

    private void awaitUp() throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                if (client().send(
                                        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/dir"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline) || !pebble.isAlive()) {
                    throw new IllegalStateException("pebble did not start:\n" + log(), notYet);
                }
            }
            Thread.sleep(200);
        }
    }

    private HttpClient client() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (var in = Files.newInputStream(serverCa())) {
            trust.setCertificateEntry(
                    "acme-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : List.of(pebble, dns)) {
            p.destroy();
        }
    }
}
