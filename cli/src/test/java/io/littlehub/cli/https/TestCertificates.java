package io.littlehub.cli.https;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates as a school's IT would make them, with openssl in a folder: a CA, and certificates it signs for DNS
 * names or IP addresses, valid from now or (through {@code openssl ca}, which takes dates) long expired.
 */
final class TestCertificates {
    private final Path dir;

    TestCertificates(Path dir) {
        this.dir = dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** A self-signed CA: NAME.pem and NAME.key. */
    void ca(String name, String commonName) throws IOException, InterruptedException {
        openssl(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".pem",
                "-days",
                "30",
                "-subj",
                "/CN=" + commonName,
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
    }

    /** NAME.pem (signed by CA, valid for 30 days from now) and NAME.key, for {@code subjectAltNames} like DNS:a.b or IP:10.0.0.1. */
    void leaf(String name, String ca, String subjectAltNames) throws IOException, InterruptedException {
        request(name, subjectAltNames);
        Files.writeString(
                dir.resolve(name + ".ext"), "subjectAltName=" + subjectAltNames + "\nextendedKeyUsage=serverAuth\n");
        openssl(
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                ca + ".pem",
                "-CAkey",
                ca + ".key",
                "-CAcreateserial",
                "-days",
                "30",
                "-extfile",
                name + ".ext",
                "-out",
                name + ".pem");
    }

    /** Like {@link #leaf}, but valid only in January 2020. */
    void expiredLeaf(String name, String ca, String subjectAltNames) throws IOException, InterruptedException {
        request(name, subjectAltNames);
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("ca.cnf"), """
                [ca]
                default_ca = school
                [school]
                database = index.txt
                new_certs_dir = .
                serial = ca.serial
                default_md = sha256
                policy = any
                copy_extensions = copy
                [any]
                commonName = supplied
                """);
        Files.writeString(dir.resolve("ca.serial"), "1000\n");
        openssl(
                "ca",
                "-batch",
                "-config",
                "ca.cnf",
                "-cert",
                ca + ".pem",
                "-keyfile",
                ca + ".key",
                "-in",
                name + ".csr",
                "-out",
                name + ".pem",
                "-startdate",
                "20200101000000Z",
                "-enddate",
                "20200131000000Z",
                "-notext");
    }

    private void request(String name, String subjectAltNames) throws IOException, InterruptedException {
        openssl(
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".csr",
                "-subj",
                "/CN=" + subjectAltNames.split(",")[0].replaceFirst("^(DNS|IP):", ""),
                "-addext",
                "subjectAltName=" + subjectAltNames);
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + " failed:\n" + out);
        }
    }
}
