package io.littlehub.testvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where the harness keeps its state, outside the repository so that CI right after a session reuses the cache:
 * {@code $LITTLEHUB_TESTVM_HOME}, else {@code $XDG_CACHE_HOME/littlehub/test-vms}, else {@code ~/.cache/littlehub/test-vms}.
 * <pre>
 *   images/&lt;image&gt;-&lt;recipe hash&gt;/   rootfs/, id_ed25519, build.json, disk.qcow2, vmlinuz, initrd.img
 *   vms/&lt;name&gt;/                      vm.json plus the backend's layer (upper/ work/ root/ or disk.qcow2)
 *   snapshots/&lt;name&gt;/                snapshot.json plus layer/ or disk.qcow2
 *   host/                            ip_forward.before (restored when the last VM goes)
 *   lock                             serializes changes across processes
 * </pre>
 */
public final class Workspace {
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private final Path root;

    public Workspace(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static Workspace fromEnvironment() {
        String explicit = System.getenv("LITTLEHUB_TESTVM_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return new Workspace(Path.of(explicit));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new Workspace(cache.resolve("littlehub").resolve("test-vms"));
    }

    public Path root() {
        return root;
    }

    Path images() {
        return dir(root.resolve("images"));
    }

    Path vms() {
        return dir(root.resolve("vms"));
    }

    public Path vm(String name) {
        return vms().resolve(name);
    }

    Path snapshots() {
        return dir(root.resolve("snapshots"));
    }

    Path host() {
        return dir(root.resolve("host"));
    }

    /** Runs the action holding the workspace lock: one change at a time, across threads and processes. */
    <T> T locked(Supplier<T> action) {
        if (IN_PROCESS.isHeldByCurrentThread()) {
            return action.get();
        }
        IN_PROCESS.lock();
        try (FileChannel ch = FileChannel.open(
                        dir(root).resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = ch.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + root.resolve("lock"), e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /**
     * A folder in {@code parent} where this process builds something that appears under its final name only when
     * complete; named after the builder's PID, so {@link #deleteAbandonedBuilds} can tell a killed build from a running one.
     */
    static Path buildDir(Path parent, String prefix) {
        return parent.resolve(prefix + ProcessHandle.current().pid());
    }

    /** Deletes (mounts included) the build folders in {@code parent} named {@code prefix...-PID} whose process is gone. */
    static void deleteAbandonedBuilds(Path parent, String prefix) {
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path build : entries.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList()) {
                String name = build.getFileName().toString();
                if (ProcessHandle.of(Long.parseLong(name.substring(name.lastIndexOf('-') + 1)))
                        .isEmpty()) {
                    HostMounts.deleteTree(build);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent, e);
        }
    }

    static Path dir(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p, e);
        }
    }
}
