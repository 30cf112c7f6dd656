package io.littlehub.agent.status;

import io.littlehub.common.config.HubConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The certificate the HTTPS front serves for the hub's first domain, as a browser gets it: a TLS handshake with
 * 127.0.0.1 on https.port, naming the domain (SNI). Whatever Caddy holds (from ACME, renewed or not, or the school's
 * files) is what this reads. Nothing is sent after the handshake, and the certificate is only described, never
 * trusted: whether browsers trust it is theirs to say, when it expires is what a teacher must know.
 */
public final class ServedCertificate {
    private ServedCertificate() {}

    /** The hub's certificate, or {@link StatusGatherer#NO_HTTPS} when HTTPS is off; throws when nothing is served. */
    @SuppressWarnings("unchecked")
    public static HubStatus.Certificate of(String configText, Instant now) throws IOException {
        Map<String, Object> https =
                (Map<String, Object>) HubConfig.load(configText).get("https");
        if (!Boolean.TRUE.equals(https.get("enabled"))) {
            return new HubStatus.Certificate(null, StatusGatherer.NO_HTTPS);
        }
        String domain = String.valueOf(((List<Object>) https.get("domains")).get(0));
        int port = ((Number) https.get("port")).intValue();
        X509Certificate cert;
        try {
            cert = handshake(domain, port);
        } catch (IOException e) {
            throw new IOException(
                    "no certificate served for " + domain + " on port " + port + " (" + e.getMessage()
                            + "): right after"
                            + " HTTPS is switched on the CA may still be checking (DNS must point at this VM, port 80 open): see `littlehub logs https`",
                    e);
        }
        return describe(domain, cert, now);
    }

    /** Pure: {@code expires} and a note like {@code hub.example.org, from R11, 63 days left}. */
    static HubStatus.Certificate describe(String domain, X509Certificate cert, Instant now) {
        Instant expires = cert.getNotAfter().toInstant();
        Duration left = Duration.between(now, expires);
        String when = left.isNegative()
                ? "EXPIRED"
                : left.toDays() >= 2
                        ? left.toDays() + " days left"
                        : left.toHours() >= 2 ? left.toHours() + " hours left" : left.toMinutes() + " min left";
        return new HubStatus.Certificate(
                expires.toString(), domain + ", from " + commonName(cert.getIssuerX500Principal()) + ", " + when);
    }

    private static String commonName(X500Principal principal) {
        for (String part : principal.getName(X500Principal.RFC2253).split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return principal.getName();
    }

    private static X509Certificate handshake(String domain, int port) throws IOException {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new DescribeOnly()}, null);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
                socket.setSoTimeout(5000);
                SSLParameters params = socket.getSSLParameters();
                params.setServerNames(List.of(new SNIHostName(domain)));
                socket.setSSLParameters(params);
                socket.startHandshake();
                return (X509Certificate) socket.getSession().getPeerCertificates()[0];
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Accepts any certificate: the handshake only reads it (see the class comment); no request follows. */
    private static final class DescribeOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
