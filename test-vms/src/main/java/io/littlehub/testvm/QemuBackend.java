package io.littlehub.testvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Full QEMU VMs with their own kernel (cgroup v2, real reboots), for kernel-level checks. The image's root tree
 * becomes an ext4 qcow2 disk once; each VM is a qcow2 overlay on it (or on a snapshot: a QEMU one, or an nspawn one
 * converted once into a disk of its own), so reset is instant.
 * Uses KVM when it can boot a stock kernel and software emulation (TCG, about 20 s to SSH) otherwise;
 * LITTLEHUB_QEMU_ACCEL=kvm|tcg overrides.
 */
final class QemuBackend implements Backend {
    /** Where an nspawn snapshot's conversion is built: a folder inside the snapshot's own (see {@link Workspace#buildDir}). */
    private static final String CONVERSION_PREFIX = ".qemu-build-";

    private final Workspace workspace;

    QemuBackend(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public String name() {
        return "qemu";
    }

    @Override
    public void checkHost() {
        HostPackages.require(name());
    }

    /** The image, plus its boot disk, kernel and initrd, derived once from the root tree. */
    @Override
    public Image image(Distro distro) {
        Image image = new ImageBuilder(workspace).ensure(distro);
        once(
                image.dir().resolve("disk.qcow2"),
                () -> buildBootFiles(image.rootfs(), image.dir(), image.dir(), "image " + image.id()));
        return image;
    }

    /**
     * Also starts from an nspawn snapshot: its tree (layers on the image's) becomes a disk, kernel and initrd in the
     * snapshot's folder, once; deleting the snapshot deletes them.
     */
    @Override
    public void readySnapshot(List<Snapshot> chain, Image image) {
        Snapshot newest = chain.get(0);
        if (newest.backend().equals("nspawn")) {
            once(newest.disk(), () -> convert(chain, image));
        } else {
            Backend.super.readySnapshot(chain, image);
        }
    }

    /** Builds {@code disk} under the workspace lock unless it exists (checked again there: another process may have just built it). */
    private void once(Path disk, Runnable build) {
        if (!Files.isRegularFile(disk)) {
            workspace.locked(() -> {
                if (!Files.isRegularFile(disk)) {
                    build.run();
                }
                return null;
            });
        }
    }

    /**
     * Makes an nspawn snapshot's boot files from its tree, mounted with a throwaway upper layer that takes the removal of
     * nspawn's per-boot configuration (QEMU's guest gets its address and DNS by DHCP from user-mode networking, its name
     * from the kernel command line); the snapshot's own layers stay as they are. The machine-id stays: systemd committed
     * it at the nspawn VM's first boot, and an empty one would make this a first boot again, which enables by preset
     * units the snapshot may have disabled. The image's nspawn-init only runs as nspawn's PID 1, so it needs no undoing.
     */
    private static void convert(List<Snapshot> chain, Image image) {
        Snapshot newest = chain.get(0);
        Path build = Workspace.buildDir(newest.dir(), CONVERSION_PREFIX);
        HostMounts.deleteTree(build);
        try {
            Path tree = Workspace.dir(build.resolve("tree"));
            NspawnBackend.mountTree(
                    chain, image, Workspace.dir(build.resolve("upper")), Workspace.dir(build.resolve("work")), tree);
            NspawnBackend.removeBootConfig(tree, image);
            buildBootFiles(tree, build, newest.dir(), "snapshot " + newest.name());
        } finally {
            HostMounts.deleteTree(build);
        }
    }

    /**
     * Writes vmlinuz, initrd.img (the tree's newest kernel) and disk.qcow2 (an ext4 of the tree) into {@code target}.
     * They are made in {@code scratch}, on the same filesystem, and renamed into place with the disk last: its presence
     * means the build is complete, and an interrupted one leaves nothing in {@code target}.
     */
    private static void buildBootFiles(Path tree, Path scratch, Path target, String what) {
        try {
            Path kernel = scratch.resolve("vmlinuz.tmp");
            Path initrd = scratch.resolve("initrd.img.tmp");
            copyNewest(tree.resolve("boot"), "vmlinuz-", kernel);
            copyNewest(tree.resolve("boot"), "initrd.img-", initrd);
            Path raw = scratch.resolve("disk.raw");
            // A sparse 16 GB ext4 filled straight from the tree (mkfs -d): no loop mount, no root-only tricks.
            HostCommand.check("truncate", "-s", "16G", raw.toString());
            HostCommand.check("mkfs.ext4", "-q", "-F", "-L", "root", "-d", tree.toString(), raw.toString());
            Path disk = scratch.resolve("disk.qcow2.tmp");
            HostCommand.check("qemu-img", "convert", "-O", "qcow2", raw.toString(), disk.toString());
            Files.delete(raw);
            Files.move(kernel, target.resolve("vmlinuz"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(initrd, target.resolve("initrd.img"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(disk, target.resolve("disk.qcow2"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the QEMU disk of " + what, e);
        }
    }

    private static void copyNewest(Path boot, String prefix, Path target) throws IOException {
        try (Stream<Path> s = Files.list(boot)) {
            Path newest = s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> new HarnessException(
                            "no " + prefix + "* in " + boot + ": linux-image-amd64 must be in the image's recipe"
                                    + " (and not removed in a snapshot that QEMU boots)"));
            Files.copy(newest, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The folder holding the kernel and initrd this VM boots: that of the newest nspawn snapshot it descends from (its
     * tree may carry another kernel than the image's), else the image's.
     */
    private static Path kernelDir(Boot boot) {
        return boot.snapshots().stream()
                .filter(s -> s.backend().equals("nspawn"))
                .findFirst()
                .map(Snapshot::dir)
                .orElse(boot.image().dir());
    }

    @Override
    public VmState start(Boot boot) {
        VmState vm = boot.vm();
        Path dir = boot.dir();
        Path disk = dir.resolve("disk.qcow2");
        if (!Files.isRegularFile(disk)) {
            Path backing = boot.snapshots().isEmpty()
                    ? boot.image().dir().resolve("disk.qcow2")
                    : boot.snapshots().get(0).disk();
            HostCommand.check(
                    "qemu-img",
                    "create",
                    "-q",
                    "-f",
                    "qcow2",
                    "-b",
                    backing.toString(),
                    "-F",
                    "qcow2",
                    disk.toString());
        }
        Path pidFile = dir.resolve("qemu.pid");
        String accel = accel();
        String forwards = "hostfwd=tcp:127.0.0.1:" + vm.sshPort() + "-:22,hostfwd=tcp:127.0.0.1:" + vm.httpPort()
                + "-:80,hostfwd=tcp:127.0.0.1:" + vm.httpsPort() + "-:443";
        Path kernel = kernelDir(boot);
        // No -no-reboot: a reboot in the guest resets the machine and QEMU runs on (see rebootsInPlace).
        HostCommand.checkLogged(
                List.of(
                        "qemu-system-x86_64",
                        "-name",
                        "littlehub-" + vm.name(),
                        "-accel",
                        accel.equals("tcg") ? "tcg,tb-size=256" : "kvm",
                        "-cpu",
                        accel.equals("tcg") ? "max" : "host",
                        "-smp",
                        "2",
                        "-m",
                        memoryMb(),
                        "-kernel",
                        kernel.resolve("vmlinuz").toString(),
                        "-initrd",
                        kernel.resolve("initrd.img").toString(),
                        "-append",
                        "root=/dev/vda rw console=ttyS0 net.ifnames=0 systemd.hostname=" + vm.name(),
                        "-drive",
                        "file=" + disk + ",if=virtio,format=qcow2,cache=unsafe",
                        "-netdev",
                        "user,id=n0," + forwards,
                        "-device",
                        "virtio-net-pci,netdev=n0",
                        "-serial",
                        "file:" + dir.resolve("serial.log"),
                        "-monitor",
                        "none",
                        "-display",
                        "none",
                        "-pidfile",
                        pidFile.toString(),
                        "-daemonize"),
                dir.resolve("qemu.log"),
                60);
        try {
            return vm.withPids(
                    Map.of("qemu", Long.parseLong(Files.readString(pidFile).strip())));
        } catch (IOException e) {
            throw new HarnessException("QEMU started but wrote no pid file " + pidFile, e);
        }
    }

    /** KVM only where it boots a stock kernel: this host's kvm_pvm module needs a PVM guest kernel. */
    static String accel() {
        String explicit = System.getenv("LITTLEHUB_QEMU_ACCEL");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        boolean kvm = Files.isReadable(Path.of("/dev/kvm"))
                && Files.isWritable(Path.of("/dev/kvm"))
                && !Files.exists(Path.of("/sys/module/kvm_pvm"));
        return kvm ? "kvm" : "tcg";
    }

    private static String memoryMb() {
        String explicit = System.getenv("LITTLEHUB_QEMU_MEMORY_MB");
        return explicit != null && !explicit.isBlank() ? explicit : "2048";
    }

    @Override
    public boolean rebootsInPlace() {
        return true;
    }

    @Override
    public Duration bootTimeout() {
        return Duration.ofSeconds(accel().equals("tcg") ? 600 : 90);
    }

    @Override
    public boolean isRunning(VmState vm) {
        return vm.pids() != null && HostProcesses.alive(vm.pids().get("qemu"), "littlehub-" + vm.name());
    }

    @Override
    public void stop(VmState vm, Path dir) {
        if (!isRunning(vm)) {
            return;
        }
        long pid = vm.pids().get("qemu");
        // An orderly poweroff lets the guest flush its filesystem; then QEMU exits by itself.
        try (VmSsh ssh = VmSsh.connect(vm)) {
            ssh.exec("sudo", "systemctl", "poweroff");
        } catch (IOException | RuntimeException e) {
            // Unreachable guest: fall through to SIGTERM, which still makes QEMU close its disk cleanly.
        }
        long deadline = System.currentTimeMillis() + 90_000;
        while (HostProcesses.alive(pid, "littlehub-" + vm.name()) && System.currentTimeMillis() < deadline) {
            HostProcesses.sleep(200);
        }
        HostProcesses.stop(pid, 10);
    }

    @Override
    public void wipe(VmState vm, Path dir) {
        try {
            Files.deleteIfExists(dir.resolve("disk.qcow2"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Snapshot saveLayer(VmState vm, Path dir, Snapshot snapshot) {
        // The copy keeps the overlay's absolute backing-file reference to the image (or parent snapshot), which stays
        // put.
        HostCommand.check(
                "cp",
                "--sparse=always",
                dir.resolve("disk.qcow2").toString(),
                snapshot.disk().toString());
        return snapshot;
    }

    @Override
    public void sweepOrphans(Workspace ws, Set<String> known) {
        HostProcesses.stopOrphans("qemu-system-x86_64 ", ws.vms(), known, 5);
        try (Stream<Path> snapshots = Files.list(ws.snapshots())) {
            for (Path snapshot : snapshots.filter(Files::isDirectory).toList()) {
                Workspace.deleteAbandonedBuilds(snapshot, CONVERSION_PREFIX);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + ws.snapshots(), e);
        }
    }
}
