package io.littlehub.common.config;

import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.machine.Machine;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A school's own certificate (https.tls.cert / https.tls.key, files on the VM) is checked on the VM before a config
 * that names it is applied: both files are there, the certificate parses and is valid now, the key is the
 * certificate's, and every https.domains name is one the certificate covers. A config that fails changes nothing,
 * so Caddy never starts with a pair it cannot serve. The private key is read by {@code openssl pkey} (every key
 * format: PKCS#8, PKCS#1 RSA, SEC1 EC; an encrypted key fails at once, with no prompt) and only its public half is
 * compared.
 */
public final class TlsFiles {
    /** The public half (SubjectPublicKeyInfo DER) of a private key, or why it cannot be read. */
    private record PublicKey(byte[] der, String problem) {}

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Machine machine;

    private TlsFiles(Machine machine) {
        this.machine = machine;
    }

    public static TlsFiles onThisMachine() {
        return new TlsFiles(new LocalMachine());
    }

    /**
     * The problems of the config's certificate files at {@code now}; none when https.tls is not set or HTTPS is off
     * (Caddy does not run, nothing reads the files).
     */
    public List<ConfigProblem> check(String yamlText, Instant now) {
        List<ConfigProblem> out = new ArrayList<>();
        YamlTree.Parsed parsed = YamlTree.parse(yamlText);
        YamlNode https = CrossChecks.child(parsed.root(), "https");
        YamlNode tls = CrossChecks.child(https, "tls");
        YamlNode.Scalar certNode = CrossChecks.text(tls, "cert");
        YamlNode.Scalar keyNode = CrossChecks.text(tls, "key");
        if (certNode == null || keyNode == null || !CrossChecks.httpsOn(https)) {
            return out;
        }
        String certFile = (String) certNode.value();
        String keyFile = (String) keyNode.value();
        Optional<byte[]> pem = machine.read(certFile);
        if (pem.isEmpty()) {
            out.add(
                    problem(
                            certNode,
                            "https.tls.cert",
                            certFile
                                    + " is not on the VM: copy the certificate there first (scp, then sudo mv), or fix the path"));
            return out;
        }
        List<X509Certificate> chain = certificates(pem.get());
        if (chain.isEmpty()) {
            out.add(
                    problem(
                            certNode,
                            "https.tls.cert",
                            certFile
                                    + " holds no PEM certificate (-----BEGIN CERTIFICATE-----): use the certificate file, not the key or a .pfx"));
            return out;
        }
        X509Certificate cert = chain.get(0);
        if (cert.getNotAfter().toInstant().isBefore(now)) {
            out.add(
                    problem(
                            certNode,
                            "https.tls.cert",
                            certFile + " expired on "
                                    + DAY.format(cert.getNotAfter().toInstant())
                                    + ": get a renewed certificate from whoever issued it, copy it over this file, and apply again"));
        } else if (cert.getNotBefore().toInstant().isAfter(now)) {
            out.add(problem(
                    certNode,
                    "https.tls.cert",
                    certFile + " is not valid before "
                            + DAY.format(cert.getNotBefore().toInstant())
                            + ": check the VM's clock (littlehub doctor), or wait until then"));
        }
        List<String> names = names(cert);
        Set<String> domains = CrossChecks.names(CrossChecks.child(https, "domains"));
        if (names.isEmpty()) {
            out.add(problem(
                    certNode,
                    "https.tls.cert",
                    certFile + " " + noDnsNames(cert)
                            + ", and browsers ignore the name in its subject ("
                            + cert.getSubjectX500Principal().getName()
                            + "): get a certificate whose subjectAltName names every https.domains entry"
                            + " (openssl req ... -addext \"subjectAltName="
                            + domains.stream().map(d -> "DNS:" + d).collect(Collectors.joining(","))
                            + "\"), copy it over"
                            + " this file, and apply again"));
        }
        for (String domain : names.isEmpty() ? Set.<String>of() : domains) {
            if (!covers(names, domain)) {
                out.add(problem(
                        certNode,
                        "https.tls.cert",
                        certFile + " is not for " + domain + " (it names " + String.join(", ", names)
                                + "): use a certificate for every name in https.domains, or change https.domains"));
            }
        }
        if (machine.read(keyFile).isEmpty()) {
            out.add(problem(
                    keyNode,
                    "https.tls.key",
                    keyFile + " is not on the VM: copy the private key there first, or fix the path"));
            return out;
        }
        PublicKey key = publicKeyOf(keyFile);
        if (key.problem() != null) {
            out.add(problem(
                    keyNode,
                    "https.tls.key",
                    keyFile + ": " + key.problem()
                            + ": use the key file the certificate was made for, without a passphrase"));
        } else if (!Arrays.equals(key.der(), cert.getPublicKey().getEncoded())) {
            out.add(problem(
                    keyNode,
                    "https.tls.key",
                    keyFile + " is not the key of " + certFile
                            + " (the pair does not match): use the key the certificate was made for"));
        }
        return out;
    }

    private PublicKey publicKeyOf(String keyFile) {
        CommandResult r = machine.run(List.of("openssl", "pkey", "-in", keyFile, "-pubout", "-passin", "pass:"));
        if (!r.ok()) {
            return new PublicKey(
                    null,
                    "openssl cannot read it as an unencrypted private key ("
                            + r.stderr()
                                    .lines()
                                    .findFirst()
                                    .orElse("exit " + r.exitCode())
                                    .strip() + ")");
        }
        return new PublicKey(pemBody(r.stdout()), null);
    }

    private static List<X509Certificate> certificates(byte[] pem) {
        try {
            Collection<? extends java.security.cert.Certificate> all =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
            return all.stream()
                    .filter(c -> c instanceof X509Certificate)
                    .map(c -> (X509Certificate) c)
                    .toList();
        } catch (CertificateException e) {
            return List.of();
        }
    }

    /** The DNS names a certificate is for: its subjectAltName DNS entries (browsers ignore the CN when these exist). */
    static List<String> names(X509Certificate cert) {
        try {
            Collection<List<?>> san = cert.getSubjectAlternativeNames();
            return san == null
                    ? List.of()
                    : san.stream()
                            .filter(e -> Integer.valueOf(2).equals(e.get(0)))
                            .map(e -> String.valueOf(e.get(1)).toLowerCase())
                            .toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /** Why a certificate names no DNS name: no subjectAltName at all (a CN-only certificate) or none of DNS type. */
    private static String noDnsNames(X509Certificate cert) {
        try {
            return cert.getSubjectAlternativeNames() == null
                    ? "has no subjectAltName"
                    : "has no DNS name in its subjectAltName";
        } catch (CertificateParsingException e) {
            return "has a subjectAltName that cannot be read";
        }
    }

    /** RFC 6125: a name matches itself, or a wildcard {@code *.example.org} for exactly one more label. */
    static boolean covers(List<String> names, String domain) {
        return names.stream()
                .anyMatch(n -> n.equals(domain)
                        || n.startsWith("*.")
                                && domain.indexOf('.') > 0
                                && domain.substring(domain.indexOf('.') + 1).equals(n.substring(2)));
    }

    private static ConfigProblem problem(YamlNode.Scalar node, String path, String message) {
        return new ConfigProblem(path, node.line(), message);
    }

    /** The bytes inside a PEM block (header, footer and line breaks dropped). */
    static byte[] pemBody(String pem) {
        StringBuilder b = new StringBuilder();
        pem.lines().filter(l -> !l.startsWith("-----")).forEach(l -> b.append(l.strip()));
        return Base64.getDecoder().decode(b.toString());
    }
}
