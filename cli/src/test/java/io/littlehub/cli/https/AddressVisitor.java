package io.littlehub.cli.https;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A browser that was given the hub's IP address instead of its name: its TLS handshake carries no server name (SNI),
 * and whatever certificate comes back is looked at rather than trusted (what a person sees behind the warning).
 * A TLS alert instead of a certificate is an SSLException.
 */
final class AddressVisitor {
    /** The certificate's subjectAltName DNS names and the first lines of the answer to {@code GET /}. */
    record Visit(List<String> certificateNames, String status, String location) {
    }

    private AddressVisitor() {
    }

    static Visit visit(String address, int port) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new LookOnly()}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of());
            socket.setSSLParameters(parameters);
            socket.connect(new InetSocketAddress(address, port), 10_000);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            X509Certificate cert = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            String request = "GET / HTTP/1.1\r\nHost: " + address + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            List<String> head = head(socket.getInputStream());
            String location = head.stream().filter(l -> l.toLowerCase().startsWith("location:"))
                    .map(l -> l.substring("location:".length()).strip()).findFirst().orElse("");
            return new Visit(dnsNames(cert), head.isEmpty() ? "" : head.get(0), location);
        }
    }

    private static List<String> head(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return List.of((end < 0 ? text : text.substring(0, end)).split("\r\n"));
    }

    private static List<String> dnsNames(X509Certificate cert) throws CertificateParsingException {
        Collection<List<?>> san = cert.getSubjectAlternativeNames();
        return san == null ? List.of() : san.stream().filter(e -> Integer.valueOf(2).equals(e.get(0)))
                .map(e -> String.valueOf(e.get(1))).toList();
    }

    /** Accepts any certificate: the test looks at the one the server chose; it sends no secret over this. */
    private static final class LookOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
