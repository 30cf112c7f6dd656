package io.littlehub.testvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Mount points and tree removal: a VM's tree may hold mounts, and deleting through a mount would reach the host. */
final class HostMounts {
    private HostMounts() {}

    /** Mount points at or below {@code dir}, deepest first. */
    static List<Path> under(Path dir) {
        List<Path> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                Path mp = Path.of(f[4].replace("\\040", " "));
                if (mp.startsWith(dir)) {
                    found.add(mp);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return found;
    }

    static boolean isMountPoint(Path dir) {
        return under(dir).contains(dir);
    }

    static void unmountAll(Path dir) {
        for (Path mp : under(dir)) {
            HostCommand.Result r = HostCommand.run(List.of("umount", mp.toString()));
            if (!r.ok()) {
                // Busy (a process still inside): detach it so the tree can go; the kernel frees it when unused.
                HostCommand.check("umount", "-l", mp.toString());
            }
        }
    }

    /** Removes a tree after unmounting everything inside it, never crossing into another filesystem. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        unmountAll(dir);
        HostCommand.check("rm", "-rf", "--one-file-system", dir.toString());
    }
}
