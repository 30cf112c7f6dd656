package io.littlehub.testvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An nspawn VM's /home as a small ext4 filesystem of its own, as on a hub whose homes are a separate disk, so a test
 * can fill it ({@link TestVms.UpOptions#homeDiskMb}). A VM cannot attach loop devices itself, so the host does: an
 * image file in the VM's folder, mounted with {@code mount -o loop} (the loop device is released when it is
 * unmounted) and bound in as the VM's /home. It goes where the VM's other mounts go: {@link HostMounts#unmountAll} when
 * the VM stops, the image with its folder. Or btrfs ({@link TestVms.UpOptions#homeDiskFs}): this host's kernel has
 * no user-quota format (ext4 with quotas is refused: "The kernel was not built with CONFIG_QUOTA and CONFIG_QFMT_V2";
 * quotactl's Q_QUOTAON fails with ESRCH), but it keeps btrfs quota groups, so limits.disk can be shown on nspawn.
 */
final class HomeDisk {
    static final String IMAGE = "home.img";
    static final String MOUNT = "home";

    private HomeDisk() {}

    /**
     * {@code nspawn} (systemd-nspawn's command line, the program to run last) with the VM's home disk bound in as
     * /home when it has one, made and mounted first; unchanged otherwise.
     */
    static List<String> bound(VmState vm, Path dir, Path root, List<String> nspawn) {
        if (vm.homeDiskMb() == null) {
            return nspawn;
        }
        List<String> argv = new ArrayList<>(nspawn);
        argv.add(
                argv.size() - 1,
                attach(dir, root, vm.homeDiskMb(), vm.homeDiskFs() == null ? "ext4" : vm.homeDiskFs()));
        return argv;
    }

    /**
     * Makes the disk at the VM's first boot (the tree's /home copied in first: the test user's SSH key lives in
     * /home/tester) and mounts it; returns systemd-nspawn's argument that binds it in as /home.
     */
    private static String attach(Path dir, Path root, int megabytes, String fstype) {
        Path image = dir.resolve(IMAGE);
        Path mount = Workspace.dir(dir.resolve(MOUNT));
        boolean fresh = !Files.exists(image);
        if (fresh) {
            HostCommand.check("truncate", "-s", megabytes + "M", image.toString());
            HostCommand.check("mkfs." + fstype, "-q", fstype.equals("btrfs") ? "-f" : "-F", image.toString());
        }
        if (!HostMounts.isMountPoint(mount)) {
            HostCommand.check("mount", "-o", "loop", image.toString(), mount.toString());
        }
        if (fresh) {
            HostCommand.check("cp", "-a", root.resolve("home") + "/.", mount.toString());
        }
        return "--bind=" + mount + ":/home";
    }

    /** Deletes the disk (the VM is stopped, so it is unmounted): the next boot makes it again from the tree's /home. */
    static void delete(Path dir) {
        HostMounts.deleteTree(dir.resolve(MOUNT));
        try {
            Files.deleteIfExists(dir.resolve(IMAGE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Detaches loop devices left on home disks whose file is gone (a folder deleted while its disk was still busy and
     * lazily unmounted keeps its device until then; one that a crash left attached stays until detached).
     */
    static void sweep(Workspace ws) {
        HostCommand.Result list = HostCommand.run(List.of("losetup", "--list", "--noheadings", "-O", "NAME,BACK-FILE"));
        for (String line : list.ok() ? list.stdout().split("\n") : new String[0]) {
            String[] f = line.trim().split("\\s+", 2);
            if (f.length == 2
                    && f[1].startsWith(ws.vms().toString() + "/")
                    && f[1].contains("/" + IMAGE)
                    && !Files.exists(Path.of(f[1].split(" ")[0]))) {
                HostCommand.run(List.of("losetup", "--detach", f[0]));
            }
        }
    }
}
