package io.littlehub.testvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the host reaches the package registries through a TLS-inspecting egress proxy, its extra CA certificates
 * (in /usr/local/share/ca-certificates) go into the test images too, and pip and npm are told to use the system
 * trust store, as an admin would set up any VM behind such a proxy. On a host without extra CAs nothing changes,
 * and the VM is exactly a stock one.
 */
final class HostTrust {
    private static final Path HOST_CAS = Path.of("/usr/local/share/ca-certificates");
    private static final String BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

    private HostTrust() {}

    static List<Path> extraCertificates() {
        if (!Files.isDirectory(HOST_CAS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(HOST_CAS)) {
            return s.filter(p -> p.toString().endsWith(".crt") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void install(Path rootfs) throws IOException {
        List<Path> cas = extraCertificates();
        if (cas.isEmpty()) {
            return;
        }
        Path target = Files.createDirectories(rootfs.resolve("usr/local/share/ca-certificates/littlehub-host"));
        for (Path ca : cas) {
            Files.copy(ca, target.resolve(ca.getFileName()));
        }
        HostCommand.check("chroot", rootfs.toString(), "update-ca-certificates");
        // pip and npm ship their own CA lists; point them at the system store that now includes the proxy's CA.
        Files.writeString(rootfs.resolve("etc/pip.conf"), "[global]\ncert = " + BUNDLE + "\n");
        Files.writeString(rootfs.resolve("etc/npmrc"), "cafile=" + BUNDLE + "\n");
    }
}
