package io.littlehub.testvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * systemd-nspawn "VMs": boot to SSH in about a second. Each VM is an overlayfs (its own upper layer over snapshot
 * layers over the image's root tree), a veth with a static /24 of its own, NAT for outbound traffic, and socat
 * forwarders from 127.0.0.1 ports to its 22/80/443. See ../shared/notes/test-vms.md for why each flag is there.
 */
final class NspawnBackend implements Backend {
    private static final List<Integer> GUEST_PORTS = List.of(22, 80, 443);
    private static final String HOSTNAME = "etc/hostname";
    private static final String STATIC_NETWORK = "etc/systemd/network/10-host0.network";
    private static final String DNS_SERVER = "etc/systemd/resolved.conf.d/littlehub-dns.conf";
    /** The files {@link #writeBootConfig} writes into the VM's tree at every boot. */
    private static final List<String> BOOT_CONFIG = List.of(HOSTNAME, STATIC_NETWORK, DNS_SERVER);

    private final Workspace workspace;

    NspawnBackend(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public String name() {
        return "nspawn";
    }

    static String machine(int slot) {
        return "lhvm" + slot;
    }

    static String veth(int slot) {
        return "ve-" + machine(slot);
    }

    @Override
    public void checkHost() {
        if (ProcessHandle.current().info().user().map(u -> !u.equals("root")).orElse(true)) {
            throw new HarnessException(
                    "the nspawn backend needs root (it mounts overlays and creates veths): run as root, or use --backend docker");
        }
        HostPackages.require(name());
    }

    @Override
    public Image image(Distro distro) {
        return new ImageBuilder(workspace).ensure(distro);
    }

    @Override
    public VmState start(Boot boot) {
        VmState vm = boot.vm();
        Path dir = boot.dir();
        Path root = Workspace.dir(dir.resolve("root"));
        Workspace.dir(dir.resolve("upper"));
        Workspace.dir(dir.resolve("work"));
        if (!HostMounts.isMountPoint(root)) {
            mountTree(boot.snapshots(), boot.image(), dir.resolve("upper"), dir.resolve("work"), root);
        }
        writeBootConfig(root, vm);
        HostNat.ensure(workspace);
        Path log = dir.resolve("console.log");
        Map<String, Long> pids = new LinkedHashMap<>();
        String machine = machine(vm.slot());
        // --keep-unit and --register=no: the host has no systemd to register with. --console=pipe: no TTY here.
        // Started inside the machine's own cgroups, so its units are not another VM's (see HostCgroups).
        pids.put(
                "nspawn",
                HostCommand.startDetached(
                        HostCgroups.enter(
                                HostCgroups.create(machine),
                                List.of(
                                        "systemd-nspawn",
                                        "-D",
                                        root.toString(),
                                        "-M",
                                        machine,
                                        "--hostname=" + vm.name(),
                                        "--register=no",
                                        "--keep-unit",
                                        "--network-veth",
                                        "--resolv-conf=off",
                                        "--console=pipe",
                                        "/usr/local/sbin/nspawn-init")),
                        log));
        String veth = veth(vm.slot());
        long deadline = System.currentTimeMillis() + 15_000;
        while (!HostCommand.run(List.of("ip", "link", "show", veth)).ok()) {
            // Just started, so its PID cannot have been reused: ask the process table, not the command line, which is
            // briefly empty while setsid execs systemd-nspawn.
            if (ProcessHandle.of(pids.get("nspawn")).map(ProcessHandle::isAlive).orElse(false) == false
                    || System.currentTimeMillis() > deadline) {
                throw new HarnessException(
                        "systemd-nspawn did not start VM " + vm.name() + ":\n" + HostCommand.tail(log));
            }
            HostProcesses.sleep(50);
        }
        HostCommand.check("ip", "addr", "add", HostNat.hostAddress(vm.slot()) + "/24", "dev", veth);
        HostCommand.check("ip", "link", "set", veth, "up");
        int[] hostPorts = {vm.sshPort(), vm.httpPort(), vm.httpsPort()};
        for (int i = 0; i < GUEST_PORTS.size(); i++) {
            pids.put(
                    "forward-" + GUEST_PORTS.get(i),
                    HostCommand.startDetached(
                            List.of(
                                    "socat",
                                    "TCP-LISTEN:" + hostPorts[i] + ",bind=127.0.0.1,reuseaddr,fork",
                                    "TCP:" + HostNat.vmAddress(vm.slot()) + ":" + GUEST_PORTS.get(i)),
                            dir.resolve("forward.log")));
        }
        return vm.withPids(pids);
    }

    /**
     * Mounts the machine's tree at {@code target}: an overlay of {@code upper} on the snapshots' layers (newest first)
     * on the image's root tree. Overlayfs applies each layer's whiteouts, so files a layer deleted stay deleted.
     */
    static void mountTree(List<Snapshot> snapshots, Image image, Path upper, Path work, Path target) {
        List<String> lowers = new ArrayList<>();
        snapshots.forEach(s -> lowers.add(s.layer().toString()));
        lowers.add(image.rootfs().toString());
        HostCommand.check(
                "mount",
                "-t",
                "overlay",
                "overlay",
                "-o",
                "lowerdir=" + String.join(":", lowers) + ",upperdir=" + upper + ",workdir=" + work,
                target.toString());
    }

    /** The VM's name, address and DNS server; written at every boot, so a snapshot used by another VM still fits. */
    private static void writeBootConfig(Path root, VmState vm) {
        int slot = vm.slot();
        try {
            // systemd in the container sets the hostname from this file, overriding nspawn's --hostname.
            Files.writeString(root.resolve(HOSTNAME), vm.name() + "\n");
            Path network = root.resolve(STATIC_NETWORK);
            Files.createDirectories(network.getParent());
            // Must sort before systemd's own 80-container-host0.network, which wants DHCP the host does not offer.
            Files.writeString(
                    network,
                    "[Match]\nName=host0\n\n[Network]\nAddress=" + HostNat.vmAddress(slot) + "/24\nGateway="
                            + HostNat.hostAddress(slot) + "\n");
            Path dns = root.resolve(DNS_SERVER);
            Files.createDirectories(dns.getParent());
            Files.writeString(dns, "[Resolve]\nDNS=" + hostNameserver() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts back the image's version of every file {@link #writeBootConfig} writes (deleting those the image lacks), so
     * a tree saved from an nspawn VM boots elsewhere without this backend's veth address, DNS server and VM name.
     */
    static void removeBootConfig(Path root, Image image) {
        try {
            for (String file : BOOT_CONFIG) {
                Path original = image.rootfs().resolve(file);
                if (Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(
                            original,
                            root.resolve(file),
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS);
                } else {
                    Files.deleteIfExists(root.resolve(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the nspawn boot configuration from " + root, e);
        }
    }

    private static String hostNameserver() throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver") && !f[1].startsWith("127.")) {
                return f[1];
            }
        }
        return "1.1.1.1";
    }

    @Override
    public void proveOwnCgroups(VmState vm) {
        long nspawn = vm.pids().get("nspawn");
        // nspawn's one child is the VM's init (PID 1 inside).
        long init = ProcessHandle.of(nspawn)
                .flatMap(p -> p.children().findFirst())
                .map(ProcessHandle::pid)
                .orElseThrow(() -> new HarnessException("VM " + vm.name() + " has no init under nspawn " + nspawn));
        HostCgroups.proveInside(init, machine(vm.slot()), vm.name());
    }

    @Override
    public java.time.Duration bootTimeout() {
        return java.time.Duration.ofSeconds(60);
    }

    @Override
    public boolean isRunning(VmState vm) {
        return vm.pids() != null && HostProcesses.alive(vm.pids().get("nspawn"), "systemd-nspawn");
    }

    @Override
    public void stop(VmState vm, Path dir) {
        Map<String, Long> pids = vm.pids() == null ? Map.of() : vm.pids();
        pids.forEach((role, pid) -> {
            if (role.startsWith("forward-") && HostProcesses.alive(pid, "socat")) {
                HostProcesses.stop(pid, 2);
            }
        });
        Long nspawn = pids.get("nspawn");
        if (HostProcesses.alive(nspawn, "systemd-nspawn")) {
            // SIGTERM makes nspawn ask the VM's systemd for an orderly poweroff.
            HostProcesses.stop(nspawn, 30);
        }
        if (HostCommand.run(List.of("ip", "link", "show", veth(vm.slot()))).ok()) {
            HostCommand.run(List.of("ip", "link", "delete", veth(vm.slot())));
        }
        HostMounts.unmountAll(dir);
        HostCgroups.remove(machine(vm.slot()), 10);
    }

    @Override
    public void wipe(VmState vm, Path dir) {
        HostMounts.deleteTree(dir.resolve("upper"));
        HostMounts.deleteTree(dir.resolve("work"));
        HostMounts.deleteTree(dir.resolve("root"));
    }

    @Override
    public Snapshot saveLayer(VmState vm, Path dir, Snapshot snapshot) {
        // cp -a keeps overlayfs whiteouts (0/0 device nodes) and opaque-directory xattrs, so the layer stacks
        // correctly.
        HostCommand.check(
                "cp", "-a", dir.resolve("upper").toString(), snapshot.layer().toString());
        return snapshot;
    }

    @Override
    public void sweepOrphans(Workspace ws, Set<String> known) {
        HostProcesses.stopOrphans("systemd-nspawn ", ws.vms(), known, 20);
        Set<Integer> slots = knownSlots(ws, known);
        for (long pid : HostProcesses.matching(c -> c.startsWith("socat ") && c.contains("TCP:10.23."))) {
            // A forwarder whose VM is gone: its slot no longer maps to any known VM's nspawn process.
            List<String> argv = HostProcesses.cmdline(pid);
            if (argv.size() < 3) {
                continue; // gone since it was listed: the child socat forks for one connection ends with it
            }
            int slot = Integer.parseInt(argv.get(2).split("\\.")[2]);
            if (!slots.contains(slot)) {
                HostProcesses.stop(pid, 2);
            }
        }
        for (String machine : HostCgroups.machines()) {
            // Only an empty subtree: one with processes belongs to a machine still running (maybe another workspace's).
            if (machine.matches("lhvm\\d+")
                    && slots.stream().noneMatch(s -> machine(s).equals(machine))
                    && HostCgroups.dirs(machine).stream()
                            .allMatch(d -> HostCgroups.processes(d).isEmpty())) {
                HostCgroups.remove(machine, 0);
            }
        }
        String links = HostCommand.check("ip", "-o", "link", "show");
        for (String line : links.split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1) {
                String dev = f[1].split("@")[0];
                if (dev.startsWith("ve-lhvm") && slots.stream().noneMatch(s -> veth(s).equals(dev))) {
                    HostCommand.run(List.of("ip", "link", "delete", dev));
                }
            }
        }
    }

    private static Set<Integer> knownSlots(Workspace ws, Set<String> known) {
        return known.stream()
                .map(n -> ws.vm(n).resolve("vm.json"))
                .filter(Files::isRegularFile)
                .map(VmState::load)
                .filter(v -> v.backend().equals("nspawn"))
                .map(VmState::slot)
                .collect(java.util.stream.Collectors.toSet());
    }
}
