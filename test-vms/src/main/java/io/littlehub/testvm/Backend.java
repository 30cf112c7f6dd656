package io.littlehub.testvm;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** One way of running a test VM. The facade {@link TestVms} owns names, slots, locking and checks; a backend only runs machines. */
interface Backend {
    /** What a backend needs to boot one VM: its record, its folder, and the layers below it (newest snapshot first). */
    record Boot(VmState vm, Path dir, Image image, List<Snapshot> snapshots) {}

    String name();

    /** Fails with a clear message when the host lacks what this backend needs. */
    void checkHost();

    /** The key pair and image identity this backend's machines use for {@code distro}, built when missing. */
    Image image(Distro distro);

    /**
     * Makes a snapshot chain (newest first, on {@code image}) ready for this backend's machines to start from, or fails
     * saying why it cannot. By default a backend starts only from its own snapshots; one that can convert another
     * backend's snapshot does so here, once (it may take minutes).
     */
    default void readySnapshot(List<Snapshot> chain, Image image) {
        Snapshot newest = chain.get(0);
        if (!newest.backend().equals(name())) {
            throw new HarnessException("snapshot " + newest.name() + " belongs to the " + newest.backend()
                    + " backend, not " + name() + ": start the VM with --backend " + newest.backend()
                    + " (only qemu also starts from nspawn snapshots)");
        }
    }

    /** Starts the machine on its existing layer (a fresh one when there is none); returns the record with PIDs filled in. */
    VmState start(Boot boot);

    boolean isRunning(VmState vm);

    /**
     * Whether a reboot inside the guest restarts its kernel while the machine stays up (QEMU resets the guest and runs
     * on); an nspawn or Docker machine ends instead.
     */
    default boolean rebootsInPlace() {
        return false;
    }

    /**
     * Fails unless the running machine is in cgroups of its own on the host, so that a unit in it is never the
     * same-named unit of another VM (one limit, one OOM kill). Nothing to check by default: a QEMU guest has its own
     * kernel, and Docker puts each container in a cgroup of its own (with a private cgroup namespace).
     */
    default void proveOwnCgroups(VmState vm) {}

    /** How long a boot may take before SSH answers. */
    java.time.Duration bootTimeout();

    /** Stops the machine in an orderly way and releases its host resources; its layer stays. Safe when already stopped. */
    void stop(VmState vm, Path dir);

    /** Deletes the VM's own layer; the VM is stopped. */
    void wipe(VmState vm, Path dir);

    /** Copies the stopped VM's layer into {@code snapshot}; returns the snapshot with backend details filled in. */
    Snapshot saveLayer(VmState vm, Path dir, Snapshot snapshot);

    /** Deletes a snapshot's data (its folder; a backend with data elsewhere adds to this). */
    default void deleteSnapshot(Snapshot snapshot) {
        HostMounts.deleteTree(snapshot.dir());
    }

    /** Removes what a crashed or killed harness left behind that belongs to no VM in {@code known}. */
    void sweepOrphans(Workspace workspace, Set<String> known);
}
