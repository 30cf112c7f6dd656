package io.littlehub.testvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The harness: boots, resets, snapshots and tears down named test VMs on any backend. Every change happens under
 * the workspace lock; every start first sweeps what a killed harness left behind (VMs whose owning JVM died,
 * stray mounts, forwarders, veths and the NAT table once no VM needs it).
 */
public final class TestVms {
    /**
     * How to boot a VM. {@code snapshot}: start from it (a qemu VM also from an nspawn snapshot, converted once into a
     * disk kept beside it). {@code owned}: the VM belongs to this JVM and goes when it ends (tests); otherwise it lives
     * until {@code down}. {@code homeDiskMb}: nspawn only, null for none; /home is then an ext4 filesystem of that many
     * MiB of its own (see {@link NspawnBackend}), e.g. to fill it; {@code homeDiskFs} another type instead (btrfs).
     */
    public record UpOptions(
            String backend, Distro distro, String snapshot, boolean owned, Integer homeDiskMb, String homeDiskFs) {
        public UpOptions(String backend, Distro distro, String snapshot, boolean owned) {
            this(backend, distro, snapshot, owned, null, null);
        }

        public static UpOptions defaults() {
            return new UpOptions("nspawn", Distro.DEBIAN_12, null, false);
        }

        public UpOptions withBackend(String b) {
            return new UpOptions(b, distro, snapshot, owned, homeDiskMb, homeDiskFs);
        }

        public UpOptions withDistro(Distro d) {
            return new UpOptions(backend, d, snapshot, owned, homeDiskMb, homeDiskFs);
        }

        public UpOptions fromSnapshot(String s) {
            return new UpOptions(backend, distro, s, owned, homeDiskMb, homeDiskFs);
        }

        public UpOptions owned(boolean o) {
            return new UpOptions(backend, distro, snapshot, o, homeDiskMb, homeDiskFs);
        }

        public UpOptions withHomeDisk(int megabytes) {
            return new UpOptions(backend, distro, snapshot, owned, megabytes, homeDiskFs);
        }

        /** The home disk as another filesystem: {@code btrfs} (its quota groups work on this host's kernel). */
        public UpOptions withHomeDiskFs(String fstype) {
            return new UpOptions(backend, distro, snapshot, owned, homeDiskMb, fstype);
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}");
    private static final int FIRST_PORT = 42000;
    private static final int MAX_SLOT = 250;
    private static boolean shutdownHookAdded;

    private final Workspace workspace;
    private final Map<String, Backend> backends = new LinkedHashMap<>();

    public TestVms(Workspace workspace) {
        this.workspace = workspace;
        backends.put("nspawn", new NspawnBackend(workspace));
        backends.put("qemu", new QemuBackend(workspace));
        if (testcontainersPresent()) {
            backends.put("docker", new DockerBackend(workspace));
        }
    }

    /** The littlehub CLI ships without Testcontainers; loading the Docker backend there would fail. */
    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, TestVms.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The harness for this machine's workspace, with stale leftovers already cleaned up. */
    public static TestVms open() {
        TestVms vms = new TestVms(Workspace.fromEnvironment());
        vms.sweep();
        return vms;
    }

    public Workspace workspace() {
        return workspace;
    }

    Backend backend(String name) {
        Backend b = backends.get(name);
        if (b == null && name.equals("docker")) {
            throw new HarnessException(
                    "this build has no Docker backend (it needs Testcontainers): use test-vms/vm up --backend docker, or nspawn or qemu");
        }
        if (b == null) {
            throw new HarnessException(
                    "unknown backend '" + name + "': use one of " + String.join(", ", backends.keySet()));
        }
        return b;
    }

    /** A home disk's filesystem is one the harness makes, and only with a home disk. */
    static void checkHomeDiskFs(UpOptions options) {
        if (options.homeDiskFs() == null) {
            return;
        }
        if (!List.of("ext4", "btrfs").contains(options.homeDiskFs())) {
            throw new HarnessException(
                    "--home-disk-fs " + options.homeDiskFs() + " is not made by the harness: use ext4 or btrfs");
        }
        if (options.homeDiskMb() == null) {
            throw new HarnessException(
                    "--home-disk-fs " + options.homeDiskFs() + " needs a home disk: give its size with --home-disk-mb");
        }
    }

    /** Boots the named VM, or returns it when it is already running. */
    public Vm up(String name, UpOptions options) {
        checkName(name);
        Backend backend = backend(options.backend());
        backend.checkHost();
        if (options.homeDiskMb() != null && !backend.name().equals("nspawn")) {
            throw new HarnessException("a home disk of its own (--home-disk-mb) is made only for nspawn VMs, not "
                    + backend.name() + ": make it inside the guest (a QEMU guest has loop devices)");
        }
        checkHomeDiskFs(options);
        Path dir = workspace.vm(name);
        Path file = dir.resolve("vm.json");
        boolean created = false;
        long conversionMillis = 0;
        VmState vm;
        if (Files.isRegularFile(file)) {
            vm = VmState.load(file);
            if (!vm.backend().equals(backend.name())) {
                throw new HarnessException("VM " + name + " exists on the " + vm.backend()
                        + " backend: run `test-vms/vm down " + name + "` first, or use another name");
            }
            if (options.snapshot() != null && !options.snapshot().equals(vm.snapshot())) {
                throw new HarnessException("VM " + name + " exists but was not started from snapshot "
                        + options.snapshot() + ": run `test-vms/vm down " + name + "` first");
            }
            if (backend.isRunning(vm)) {
                return new Vm(vm, null);
            }
        } else {
            List<Snapshot> snapshots = options.snapshot() == null ? List.of() : chain(options.snapshot());
            Image image = snapshots.isEmpty()
                    ? backend.image(options.distro())
                    : imageNamed(snapshots.get(0).image());
            if (!snapshots.isEmpty()) {
                long converting = System.nanoTime();
                backend.readySnapshot(snapshots, image);
                conversionMillis = (System.nanoTime() - converting) / 1_000_000;
            }
            Long owner = options.owned() ? ProcessHandle.current().pid() : null;
            vm = workspace.locked(() -> {
                int slot = freeSlot();
                int base = FIRST_PORT + slot * 10;
                VmState fresh = new VmState(
                        name,
                        backend.name(),
                        image.dir().getFileName().toString(),
                        options.snapshot(),
                        slot,
                        base,
                        base + 1,
                        base + 2,
                        ImageBuilder.USER,
                        image.privateKey().toString(),
                        Map.of(),
                        null,
                        owner,
                        owner == null ? null : HostProcesses.startMillis(owner),
                        options.homeDiskMb(),
                        options.homeDiskFs());
                Workspace.dir(dir);
                fresh.save(file);
                return fresh;
            });
            created = true;
            if (options.owned()) {
                addShutdownHook();
            }
        }
        try {
            return boot(backend, vm, conversionMillis);
        } catch (RuntimeException e) {
            if (created) {
                try {
                    down(name);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private Vm boot(Backend backend, VmState planned, long conversionMillis) {
        Path dir = workspace.vm(planned.name());
        long started = System.nanoTime();
        VmState vm = workspace.locked(() -> {
            VmState running = backend.start(
                    new Backend.Boot(planned, dir, imageNamed(planned.image()), chain(planned.snapshot())));
            running.save(dir.resolve("vm.json"));
            return running;
        });
        return awaitHealthy(backend, vm, started, conversionMillis, null);
    }

    /** Waits for SSH (from a boot after {@code previousBootId}, when given), then proves the machine real. */
    private static Vm awaitHealthy(
            Backend backend, VmState vm, long startedNanos, long conversionMillis, String previousBootId) {
        try (VmSsh ssh = VmSsh.await(vm, backend.bootTimeout(), () -> backend.isRunning(vm), previousBootId)) {
            long reachable = System.nanoTime();
            RealityCheck.prove(backend, vm, ssh);
            return new Vm(
                    vm,
                    new Vm.Timings(
                            conversionMillis,
                            (reachable - startedNanos) / 1_000_000,
                            (System.nanoTime() - reachable) / 1_000_000));
        }
    }

    /**
     * Reboots the VM's kernel from inside ({@code systemctl reboot}) and waits until it is back; see {@link #awaitReboot}.
     * Only for backends whose machine survives a guest reboot (qemu).
     */
    public Vm reboot(Vm vm) {
        rebootable(vm.state());
        String before = vm.bootId();
        // Run a second later by a timer, so that this command returns before sshd goes down with the system.
        vm.check("sudo", "systemd-run", "--quiet", "--on-active=1", "systemctl", "reboot");
        return awaitReboot(vm, before);
    }

    /**
     * Waits until a VM that is rebooting (or about to: {@code bootIdBefore} is {@link Vm#bootId} from before) answers
     * SSH from a new boot and passes the reality check again. The returned VM's timings count from this call.
     */
    public Vm awaitReboot(Vm vm, String bootIdBefore) {
        long started = System.nanoTime();
        vm.close();
        VmState state = existing(vm.name());
        return awaitHealthy(rebootable(state), state, started, 0, bootIdBefore);
    }

    private Backend rebootable(VmState vm) {
        Backend backend = backend(vm.backend());
        if (!backend.rebootsInPlace()) {
            throw new HarnessException(
                    "VM " + vm.name() + " runs on the " + vm.backend() + " backend, whose machine ends when its guest"
                            + " reboots: boot it with --backend qemu (UpOptions.withBackend(\"qemu\")) to test reboots");
        }
        return backend;
    }

    /** Stops the VM, deletes its layer and boots it again: pristine, as first started (from its snapshot, if any). */
    public Vm reset(String name) {
        VmState vm = existing(name);
        Backend backend = backend(vm.backend());
        workspace.locked(() -> {
            backend.stop(vm, workspace.vm(name));
            backend.wipe(vm, workspace.vm(name));
            return null;
        });
        return boot(backend, vm, 0);
    }

    /** Stops and deletes the VM; nothing of it stays on the host. */
    public void down(String name) {
        checkName(name);
        workspace.locked(() -> {
            Path dir = workspace.vm(name);
            if (Files.isRegularFile(dir.resolve("vm.json"))) {
                destroy(VmState.load(dir.resolve("vm.json")));
            } else {
                HostMounts.deleteTree(dir);
            }
            releaseNatWhenUnused();
            return null;
        });
    }

    private void destroy(VmState vm) {
        Backend backend = backend(vm.backend());
        Path dir = workspace.vm(vm.name());
        backend.stop(vm, dir);
        backend.wipe(vm, dir);
        HostMounts.deleteTree(dir);
    }

    public List<VmState> list() {
        List<VmState> out = new ArrayList<>();
        for (String n : knownNames()) {
            out.add(VmState.load(workspace.vm(n).resolve("vm.json")));
        }
        return out;
    }

    public boolean isRunning(VmState vm) {
        return backend(vm.backend()).isRunning(vm);
    }

    /**
     * Saves the VM's current disk as a snapshot that later VMs can start from. The VM is stopped for a consistent
     * copy and booted again afterwards if it was running.
     */
    public Snapshot snapshot(String vmName, String snapshotName) {
        checkName(snapshotName);
        VmState vm = existing(vmName);
        Backend backend = backend(vm.backend());
        boolean wasRunning = backend.isRunning(vm);
        Snapshot saved = workspace.locked(() -> {
            Path target = workspace.snapshots().resolve(snapshotName);
            if (Files.exists(target)) {
                throw new HarnessException("snapshot " + snapshotName
                        + " exists: delete it first with `test-vms/vm snapshot-delete " + snapshotName + "`");
            }
            backend.stop(vm, workspace.vm(vmName));
            Path tmp = workspace.snapshots().resolve("." + snapshotName + ".tmp");
            HostMounts.deleteTree(tmp);
            Workspace.dir(tmp);
            Snapshot s = backend.saveLayer(
                    vm,
                    workspace.vm(vmName),
                    new Snapshot(snapshotName, vm.backend(), vm.image(), vm.snapshot(), null, tmp));
            s.save();
            try {
                Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Snapshot.load(target);
        });
        if (wasRunning) {
            boot(backend, vm, 0);
        }
        return saved;
    }

    public Snapshot snapshot(String name) {
        Path dir = workspace.snapshots().resolve(name);
        if (!Files.isRegularFile(dir.resolve(Snapshot.FILE))) {
            throw new HarnessException(
                    "no snapshot named " + name + ": `test-vms/vm snapshot VM " + name + "` makes one");
        }
        return Snapshot.load(dir);
    }

    public boolean hasSnapshot(String name) {
        return Files.isRegularFile(workspace.snapshots().resolve(name).resolve(Snapshot.FILE));
    }

    public void deleteSnapshot(String name) {
        workspace.locked(() -> {
            Snapshot s = snapshot(name);
            for (VmState vm : list()) {
                if (chain(vm.snapshot()).stream().anyMatch(c -> c.name().equals(name))) {
                    throw new HarnessException("snapshot " + name + " is in use by VM " + vm.name()
                            + ": `test-vms/vm down " + vm.name() + "` first");
                }
            }
            backend(s.backend()).deleteSnapshot(s);
            return null;
        });
    }

    /** The snapshot and its ancestors, newest first. */
    private List<Snapshot> chain(String snapshotName) {
        List<Snapshot> chain = new ArrayList<>();
        for (String n = snapshotName; n != null; n = chain.get(chain.size() - 1).parent()) {
            chain.add(snapshot(n));
        }
        return chain;
    }

    /** Cleans up after harnesses that died: VMs of dead owners, orphaned host resources, an unused NAT table. */
    public void sweep() {
        workspace.locked(() -> {
            for (String n : dirNames(workspace.vms())) {
                Path file = workspace.vm(n).resolve("vm.json");
                if (!Files.isRegularFile(file)) {
                    HostMounts.deleteTree(workspace.vm(n));
                    continue;
                }
                VmState vm = VmState.load(file);
                if (!HostProcesses.ownerAlive(vm.ownerPid(), vm.ownerStartMillis())) {
                    destroy(vm);
                } else if (!backend(vm.backend()).isRunning(vm)) {
                    backend(vm.backend()).stop(vm, workspace.vm(n));
                }
            }
            Set<String> known = new HashSet<>(knownNames());
            for (Backend b : backends.values()) {
                b.sweepOrphans(workspace, known);
            }
            Workspace.deleteAbandonedBuilds(workspace.images(), ".build-");
            releaseNatWhenUnused();
            return null;
        });
    }

    private void releaseNatWhenUnused() {
        boolean nspawnRunning = list().stream().anyMatch(v -> v.backend().equals("nspawn") && isRunning(v));
        if (!nspawnRunning) {
            HostNat.release(workspace);
        }
    }

    private synchronized void addShutdownHook() {
        if (shutdownHookAdded) {
            return;
        }
        shutdownHookAdded = true;
        long me = ProcessHandle.current().pid();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            for (VmState vm : list()) {
                                if (vm.ownerPid() != null && vm.ownerPid() == me) {
                                    try {
                                        down(vm.name());
                                    } catch (RuntimeException e) {
                                        System.err.println("test-vms: could not tear down " + vm.name()
                                                + " at exit (the next start cleans it up): " + e.getMessage());
                                    }
                                }
                            }
                        },
                        "test-vms-teardown"));
    }

    private VmState existing(String name) {
        checkName(name);
        Path file = workspace.vm(name).resolve("vm.json");
        if (!Files.isRegularFile(file)) {
            throw new HarnessException("no VM named " + name + ": `test-vms/vm up " + name + "` boots one");
        }
        return VmState.load(file);
    }

    private Image imageNamed(String dirName) {
        Path dir = workspace.images().resolve(dirName);
        if (!Files.isRegularFile(dir.resolve("build.json"))) {
            throw new HarnessException("image " + dirName
                    + " is gone (a newer recipe replaced it): delete the VMs and snapshots made from it");
        }
        return new Image(dirName.replaceAll("^docker-", "").replaceAll("-[0-9a-f]{12}$", ""), dir);
    }

    private int freeSlot() {
        Set<Integer> used = new HashSet<>();
        list().forEach(v -> used.add(v.slot()));
        for (int slot = 1; slot <= MAX_SLOT; slot++) {
            int base = FIRST_PORT + slot * 10;
            if (!used.contains(slot) && portFree(base) && portFree(base + 1) && portFree(base + 2)) {
                return slot;
            }
        }
        throw new HarnessException("no free VM slot: " + MAX_SLOT + " VMs or ports " + FIRST_PORT + "-"
                + (FIRST_PORT + MAX_SLOT * 10 + 2) + " in use");
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> knownNames() {
        return dirNames(workspace.vms()).stream()
                .filter(n -> Files.isRegularFile(workspace.vm(n).resolve("vm.json")))
                .toList();
    }

    private static List<String> dirNames(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new HarnessException("bad VM or snapshot name '" + name
                    + "': use 1-31 lowercase letters, digits and '-', starting with a letter or digit");
        }
    }
}
