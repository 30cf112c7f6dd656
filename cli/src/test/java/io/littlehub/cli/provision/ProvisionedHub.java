package io.littlehub.cli.provision;

import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.cli.transport.SshTarget;
import io.littlehub.common.ExitCodes;
import io.littlehub.testvm.HarnessException;
import io.littlehub.testvm.TestVms;
import io.littlehub.testvm.Vm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * Test VMs with a freshly provisioned hub, in seconds instead of minutes: the first call boots a VM, provisions it
 * exactly as {@code ProvisionIT} does (admin "teacher") and saves it as snapshot {@code provisioned-<hash>}; every
 * VM after that starts from the snapshot. The hash is of the embedded agent jar's contents (entry names and bytes,
 * not the jar's timestamps), and the agent carries the playbooks and templates: a changed agent means a new
 * snapshot, and the older {@code provisioned-*} snapshots that no VM uses are deleted.
 */
public final class ProvisionedHub {
    public static final String ADMIN = "teacher";
    /** The admin's password, set at provision from a password file (as a teacher would with --admin-password-file). */
    public static final String ADMIN_PASSWORD = "teacher-password-2026";

    private static final String PREFIX = "provisioned-";

    private ProvisionedHub() {}

    /** The snapshot's name for this build's agent (at most 31 characters, as the harness requires). */
    public static String snapshotName() {
        return PREFIX + contentHash(AgentPush.agentJar()).substring(0, 16);
    }

    /**
     * Boots {@code vmName} (owned by this JVM: it goes when the JVM ends, or with {@code TestVms.down}) from the
     * provisioned snapshot, making the snapshot first when this agent has none. Skips the test without root.
     */
    public static Vm boot(String vmName) {
        return boot(vmName, TestVms.UpOptions.defaults());
    }

    /** {@link #boot(String)} with {@code options} (e.g. a home disk of its own); the snapshot and owner are set here. */
    public static synchronized Vm boot(String vmName, TestVms.UpOptions options) {
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")), "skipped: the nspawn backend needs root on this host");
        TestVms vms = TestVms.open();
        String snap = snapshotName();
        // IT classes run in parallel JVMs (failsafe forkCount): one makes the snapshot while the others wait for it.
        // The lock is one for every snapshot on this host: a snapshot that exists is used without waiting for it.
        if (!vms.hasSnapshot(snap)) {
            makeOnce(vms, snap);
        }
        try {
            return vms.up(vmName, options.fromSnapshot(snap).owned(true));
        } catch (HarnessException e) {
            if (e.getMessage() == null || !e.getMessage().contains("is gone")) {
                throw e;
            }
            // The test-VM image was rebuilt under the snapshot (a new recipe): provision a new one on the new image.
            vms.down(vmName);
            vms.deleteSnapshot(snap);
            create(vms, snap);
            return vms.up(vmName, options.fromSnapshot(snap).owned(true));
        }
    }

    /** The provisioned snapshot's name, made first when this agent has none (for a VM on another backend). */
    public static synchronized String snapshot() {
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")), "skipped: the nspawn backend needs root on this host");
        TestVms vms = TestVms.open();
        String snap = snapshotName();
        if (!vms.hasSnapshot(snap)) {
            makeOnce(vms, snap);
        }
        return snap;
    }

    /** Makes the snapshot under the host's snapshot lock, unless another JVM made it while this one waited. */
    private static void makeOnce(TestVms vms, String snap) {
        try (FileChannel lock = FileChannel.open(
                        vms.workspace().root().resolve(PREFIX + "snapshot.lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock held = lock.lock()) {
            if (!vms.hasSnapshot(snap)) {
                create(vms, snap);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void create(TestVms vms, String snap) {
        String builder = "prov-" + ProcessHandle.current().pid();
        long t = System.nanoTime();
        try (Vm vm = vms.up(builder, TestVms.UpOptions.defaults().owned(true))) {
            provision(vm);
            try {
                vms.snapshot(builder, snap);
            } catch (HarnessException e) {
                if (!vms.hasSnapshot(snap)) {
                    throw e;
                }
                // Another test JVM saved the same snapshot first: theirs is as good.
            }
        } finally {
            vms.down(builder);
        }
        System.out.printf("ProvisionedHub: snapshot %s made in %d s%n", snap, (System.nanoTime() - t) / 1_000_000_000);
        deleteOlder(vms, snap);
    }

    private static void provision(Vm vm) {
        try {
            Path home = Files.createTempDirectory("littlehub-provisioned-hub");
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            Path password = home.resolve("admin-password");
            Files.writeString(password, ADMIN_PASSWORD + "\n");
            Files.setPosixFilePermissions(
                    password, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            int exit = new Provisioner(
                            new PrintStream(buf, true, StandardCharsets.UTF_8), new HubRegistry(home.resolve("config")))
                    .run(
                            new Provisioner.Request(
                                    new SshTarget(vm.user(), "127.0.0.1", vm.sshPort(), vm.identity()),
                                    List.of(ADMIN),
                                    null,
                                    false,
                                    false,
                                    true,
                                    "snapshot",
                                    "http://127.0.0.1:" + vm.httpPort() + "/",
                                    password,
                                    false),
                            SshOptions.defaults()
                                    .withHome(home)
                                    .withKnownHosts(home.resolve("known_hosts"))
                                    .withAcceptNewHostKeys(true)
                                    .withAgentSocket(null));
            if (exit != ExitCodes.OK) {
                throw new IllegalStateException("provisioning the snapshot's VM failed (exit " + exit + "):\n"
                        + buf.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the provisioned-* snapshots of other agents that were made over two hours ago, unless a VM still runs on
     * one. A younger one may belong to another checkout testing on this host at the same time (a second worktree).
     */
    private static void deleteOlder(TestVms vms, String keep) {
        Path dir = vms.workspace().root().resolve("snapshots");
        if (!Files.isDirectory(dir)) {
            return;
        }
        long cutoff = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        try (Stream<Path> s = Files.list(dir)) {
            for (String name : s.filter(p -> modifiedBefore(p, cutoff))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(PREFIX) && !n.equals(keep))
                    .toList()) {
                try {
                    vms.deleteSnapshot(name);
                } catch (HarnessException inUse) {
                    // A VM (maybe another test JVM's) still starts from it: the next run deletes it.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean modifiedBefore(Path p, long cutoffMillis) {
        try {
            return Files.getLastModifiedTime(p).toMillis() < cutoffMillis;
        } catch (IOException gone) {
            return false;
        }
    }

    /** SHA-256 over the jar's entries (name and contents, in name order): stable across rebuilds of the same code. */
    static String contentHash(byte[] jar) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            Map<String, byte[]> entries = new TreeMap<>();
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                d.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(Long.toString(e.getValue().length).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(e.getValue());
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
