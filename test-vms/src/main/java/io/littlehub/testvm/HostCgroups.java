package io.littlehub.testvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Each nspawn machine's own cgroup subtree, {@code littlehub-testvm/<machine>}, in every cgroup hierarchy the host
 * mounts (each v1 controller, the named {@code name=systemd} one and the unified one).
 *
 * <p>Why: the host's PID 1 is not systemd, so nspawn runs with {@code --keep-unit} in whatever cgroup it was started
 * from, and the machine's cgroup namespace is rooted there. Started from the same cgroup, every VM's systemd made its
 * units under the same host directories, so {@code system.slice/x.service} in two VMs was one cgroup: one memory
 * limit, one OOM kill. The launcher moves itself into the machine's subtree before it execs nspawn ({@link #enter}),
 * so the namespace, and everything the VM's systemd creates, is rooted in the machine's own directories.
 */
final class HostCgroups {
    static final String PARENT = "littlehub-testvm";
    private static final Path MOUNTS = Path.of("/proc/self/mounts");

    private HostCgroups() {}

    /** The mount points of the host's cgroup hierarchies (v1 and v2). */
    static List<Path> hierarchies() {
        List<Path> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(MOUNTS)) {
                String[] f = line.split(" ");
                if (f.length > 2 && (f[2].equals("cgroup") || f[2].equals("cgroup2"))) {
                    found.add(Path.of(f[1].replace("\\040", " ")));
                }
            }
        } catch (IOException e) {
            throw new HarnessException("cannot read " + MOUNTS + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new HarnessException("the host mounts no cgroup hierarchy (mount -t cgroup2 none /sys/fs/cgroup), so "
                    + "test VMs could not have cgroups of their own");
        }
        return found;
    }

    /** The machine's directory in each hierarchy (existing or not). */
    static List<Path> dirs(String machine) {
        return hierarchies().stream()
                .map(h -> h.resolve(PARENT).resolve(machine))
                .toList();
    }

    /**
     * Creates the machine's empty subtree in every hierarchy, first removing an empty one a previous machine of the
     * same slot left. Fails when a process still runs in it: that machine is not gone.
     */
    static List<Path> create(String machine) {
        remove(machine, 0);
        List<Path> created = dirs(machine);
        try {
            for (Path dir : created) {
                createWithParent(dir);
            }
        } catch (IOException e) {
            throw new HarnessException(
                    "cannot create the cgroup " + e.getMessage() + " for test VM machine " + machine
                            + " (the nspawn backend needs root and writable cgroup hierarchies)",
                    e);
        }
        return created;
    }

    private static void createWithParent(Path dir) throws IOException {
        for (Path d : List.of(dir.getParent(), dir)) {
            if (!Files.isDirectory(d)) {
                Files.createDirectory(d);
                // A v1 cpuset cgroup takes no process until it has CPUs and memory nodes: the parent's.
                inheritIfEmpty(d, "cpuset.cpus");
                inheritIfEmpty(d, "cpuset.mems");
            }
        }
    }

    private static void inheritIfEmpty(Path dir, String file) throws IOException {
        Path own = dir.resolve(file);
        if (Files.isRegularFile(own) && Files.readString(own).isBlank()) {
            Files.writeString(own, Files.readString(dir.getParent().resolve(file)));
        }
    }

    /**
     * The argv that moves the starting process into {@code dirs} (in every hierarchy) and then execs {@code argv} in
     * place, so the program starts in them with its PID unchanged; a failed move fails the start.
     */
    static List<String> enter(List<Path> dirs, List<String> argv) {
        List<String> full = new ArrayList<>(List.of(
                "sh",
                "-c",
                "while [ \"$1\" != -- ]; do echo $$ > \"$1/cgroup.procs\" || exit 125; shift; done; shift; exec \"$@\"",
                "enter-cgroups"));
        dirs.forEach(d -> full.add(d.toString()));
        full.add("--");
        full.addAll(argv);
        return full;
    }

    /**
     * Removes the machine's subtree from every hierarchy (its VM is stopped), waiting up to {@code graceSeconds} for
     * processes that are still exiting; fails naming a cgroup that still holds processes after that.
     */
    static void remove(String machine, int graceSeconds) {
        long deadline = System.currentTimeMillis() + graceSeconds * 1000L;
        for (Path dir : dirs(machine)) {
            while (!removeTree(dir)) {
                if (System.currentTimeMillis() >= deadline) {
                    throw new HarnessException("the cgroup " + dir + " of test VM machine " + machine + " still holds"
                            + " processes " + processes(dir) + ": stop them (kill), then `test-vms/vm down`");
                }
                HostProcesses.sleep(100);
            }
        }
    }

    /** Deepest first, as cgroups must go; false when a cgroup in it still holds a process. */
    private static boolean removeTree(Path dir) {
        List<Path> deepestFirst = new ArrayList<>(tree(dir));
        java.util.Collections.reverse(deepestFirst);
        for (Path d : deepestFirst) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** The directories of the tree at {@code dir}, parents first; empty when it does not exist. */
    private static List<Path> tree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isDirectory)
                    .sorted(Comparator.comparingInt(Path::getNameCount))
                    .toList();
        } catch (IOException e) {
            return List.of(dir); // changing under us: the caller retries or reports it
        }
    }

    /** The PIDs in the cgroup tree at {@code dir}. */
    static Set<Long> processes(Path dir) {
        Set<Long> pids = new TreeSet<>();
        for (Path d : tree(dir)) {
            try {
                Files.readAllLines(d.resolve("cgroup.procs")).stream()
                        .filter(l -> !l.isBlank())
                        .map(Long::parseLong)
                        .forEach(pids::add);
            } catch (IOException e) {
                // removed since it was listed: no processes there
            }
        }
        return pids;
    }

    /** The machines with a subtree in any hierarchy. */
    static Set<String> machines() {
        Set<String> names = new TreeSet<>();
        for (Path h : hierarchies()) {
            try (Stream<Path> s = Files.list(h.resolve(PARENT))) {
                s.filter(Files::isDirectory)
                        .forEach(d -> names.add(d.getFileName().toString()));
            } catch (IOException e) {
                // no parent in this hierarchy yet
            }
        }
        return names;
    }

    /** The machine's directories that still exist: none once its VM is down. */
    static List<Path> existing(String machine) {
        return dirs(machine).stream().filter(Files::isDirectory).toList();
    }

    /**
     * Fails unless {@code pid} (a VM's init, as the host sees it) is inside the machine's own subtree in every
     * hierarchy, which is where its cgroup namespace, and so every unit of the VM, is rooted.
     */
    static void proveInside(long pid, String machine, String vmName) {
        List<String> outside = new ArrayList<>();
        for (Path dir : dirs(machine)) {
            if (!processes(dir).contains(pid)) {
                outside.add(dir.toString());
            }
        }
        if (!outside.isEmpty()) {
            throw new HarnessException("CGROUPS NOT ISOLATED in VM " + vmName + ": its init (host PID " + pid
                    + ") is not inside " + String.join(", ", outside) + "; /proc/" + pid + "/cgroup says:\n"
                    + ownCgroups(pid));
        }
    }

    private static String ownCgroups(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"))
                    .strip();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
