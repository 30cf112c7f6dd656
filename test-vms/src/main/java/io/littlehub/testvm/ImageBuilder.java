package io.littlehub.testvm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds a base image once with debootstrap and caches it under a name keyed by a hash of the recipe, so a changed
 * recipe builds a new image and an unchanged one is reused. The same root tree serves systemd-nspawn (as an overlay
 * lower layer) and QEMU (turned into a disk image by {@link QemuBackend}).
 */
public final class ImageBuilder {
    /** Bump when the customization below changes in a way the hashed data does not show. */
    private static final int RECIPE_VERSION = 1;

    static final String USER = "tester";
    private static final List<String> PACKAGES = List.of(
            "systemd-sysv",
            "dbus",
            "libpam-systemd",
            "systemd-resolved",
            "libnss-myhostname",
            "openssh-server",
            "sudo",
            "python3",
            "linux-image-amd64",
            "ca-certificates",
            "curl",
            "iproute2",
            "procps",
            "netbase");
    private static final List<String> RESOURCES =
            List.of("nspawn-init", "ssh-hostkeys.conf", "dhcp.network", "sshd-test.conf");

    private final Workspace workspace;
    private final ObjectMapper json = new ObjectMapper();

    public ImageBuilder(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The cached image for this distro, building it first when missing (about two minutes). */
    public Image ensure(Distro distro) {
        Image image = new Image(distro.id(), workspace.images().resolve(distro.id() + "-" + recipeHash(distro)));
        if (Files.isRegularFile(image.buildInfo())) {
            return image;
        }
        return workspace.locked(() -> Files.isRegularFile(image.buildInfo()) ? image : build(distro, image));
    }

    static String recipeHash(Distro distro) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("v" + RECIPE_VERSION + "|" + distro.suite() + "|" + String.join(",", PACKAGES) + "|" + USER)
                    .getBytes(StandardCharsets.UTF_8));
            for (String r : RESOURCES) {
                sha.update(resource(r));
            }
            for (Path ca : HostTrust.extraCertificates()) {
                sha.update(Files.readAllBytes(ca));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = ImageBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Image build(Distro distro, Image image) {
        Path tmp =
                Workspace.buildDir(workspace.images(), ".build-" + image.dir().getFileName() + "-");
        HostMounts.deleteTree(tmp);
        Workspace.dir(tmp);
        Path log = tmp.resolve("build.log");
        long start = System.nanoTime();
        try {
            Path rootfs = tmp.resolve("rootfs");
            System.err.println("test-vms: building image " + image.id()
                    + " with debootstrap (about 2 minutes, once; log: " + log + ")");
            HostCommand.checkLogged(
                    List.of(
                            "debootstrap",
                            "--variant=minbase",
                            "--include=" + String.join(",", PACKAGES),
                            distro.suite(),
                            rootfs.toString(),
                            Mirrors.debian()),
                    log,
                    1800);
            HostCommand.check(
                    "ssh-keygen",
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    "littlehub-test-vm",
                    "-f",
                    tmp.resolve("id_ed25519").toString());
            customize(distro, rootfs, tmp.resolve("id_ed25519.pub"));
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("image", image.id());
            info.put("suite", distro.suite());
            info.put("recipe", recipeHash(distro));
            info.put("build_seconds", Math.round(seconds * 10) / 10.0);
            json.writeValue(tmp.resolve("build.json").toFile(), info);
            Files.move(tmp, image.dir(), StandardCopyOption.ATOMIC_MOVE);
            pruneOldBuilds(distro, image);
            return image;
        } catch (IOException e) {
            throw new HarnessException("building image " + image.id() + " failed: " + e.getMessage(), e);
        } finally {
            HostMounts.deleteTree(tmp);
        }
    }

    private static void customize(Distro distro, Path r, Path publicKey) throws IOException {
        write(r.resolve("etc/hostname"), "testvm\n");
        // The VM's own name resolves through nss-myhostname, whatever name each VM gets at boot.
        write(r.resolve("etc/hosts"), "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n");
        // No fstab entries: QEMU mounts / from the kernel command line, nspawn from its overlay.
        write(r.resolve("etc/fstab"), "");
        write(r.resolve("etc/apt/sources.list"), Mirrors.sourcesList(distro.suite()));
        Files.deleteIfExists(r.resolve("etc/apt/sources.list.d/debian.sources"));
        write(
                r.resolve("etc/systemd/network/80-littlehub-dhcp.network"),
                new String(resource("dhcp.network"), StandardCharsets.UTF_8));
        write(
                r.resolve("etc/systemd/system/ssh.service.d/hostkeys.conf"),
                new String(resource("ssh-hostkeys.conf"), StandardCharsets.UTF_8));
        write(
                r.resolve("etc/ssh/sshd_config.d/test.conf"),
                new String(resource("sshd-test.conf"), StandardCharsets.UTF_8));
        Path init = r.resolve("usr/local/sbin/nspawn-init");
        write(init, new String(resource("nspawn-init"), StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> keys = Files.list(r.resolve("etc/ssh"))) {
            for (Path k : keys.filter(p -> p.getFileName().toString().startsWith("ssh_host_"))
                    .toList()) {
                Files.delete(k);
            }
        }
        write(r.resolve("etc/machine-id"), "");
        Files.deleteIfExists(r.resolve("var/lib/dbus/machine-id"));
        Path resolv = r.resolve("etc/resolv.conf");
        Files.deleteIfExists(resolv);
        Files.createSymbolicLink(resolv, Path.of("../run/systemd/resolve/stub-resolv.conf"));
        chroot(r, "systemctl", "enable", "systemd-networkd", "systemd-resolved", "ssh");
        chroot(r, "systemctl", "mask", "systemd-networkd-wait-online.service");
        chroot(r, "useradd", "--create-home", "--shell", "/bin/bash", "--groups", "sudo", USER);
        write(r.resolve("etc/sudoers.d/" + USER), USER + " ALL=(ALL) NOPASSWD:ALL\n");
        Files.setPosixFilePermissions(r.resolve("etc/sudoers.d/" + USER), PosixFilePermissions.fromString("r--r-----"));
        chroot(r, "install", "-d", "-m", "700", "-o", USER, "-g", USER, "/home/" + USER + "/.ssh");
        Files.copy(publicKey, r.resolve("home/" + USER + "/.ssh/authorized_keys"));
        chroot(r, "chown", USER + ":" + USER, "/home/" + USER + "/.ssh/authorized_keys");
        chroot(r, "chmod", "600", "/home/" + USER + "/.ssh/authorized_keys");
        HostTrust.install(r);
        chroot(r, "apt-get", "clean");
    }

    private static void chroot(Path root, String... argv) {
        List<String> full = new java.util.ArrayList<>(List.of("chroot", root.toString()));
        full.addAll(List.of(argv));
        HostCommand.check(full);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Older builds of the same distro go once a newer recipe is built, unless a VM or snapshot still uses them. */
    private void pruneOldBuilds(Distro distro, Image current) throws IOException {
        List<Path> inUse = new java.util.ArrayList<>();
        for (Path p : List.of(workspace.vms(), workspace.snapshots())) {
            try (Stream<Path> s = Files.list(p)) {
                s.forEach(d -> inUse.add(d));
            }
        }
        String inUseText = inUse.stream()
                .map(d -> {
                    try {
                        Path meta = Files.isRegularFile(d.resolve("vm.json"))
                                ? d.resolve("vm.json")
                                : d.resolve("snapshot.json");
                        return Files.isRegularFile(meta) ? Files.readString(meta) : "";
                    } catch (IOException e) {
                        return "";
                    }
                })
                .reduce("", String::concat);
        try (Stream<Path> s = Files.list(workspace.images())) {
            for (Path old : s.filter(
                            p -> p.getFileName().toString().startsWith(distro.id() + "-") && !p.equals(current.dir()))
                    .toList()) {
                if (!inUseText.contains(old.getFileName().toString())) {
                    HostMounts.deleteTree(old);
                }
            }
        }
    }
}
