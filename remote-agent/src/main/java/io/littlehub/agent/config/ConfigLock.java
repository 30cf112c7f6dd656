package io.littlehub.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One change to the hub config at a time (and, with another directory, one change to the users' environment): the lock is a directory made atomically (mkdir), holding who took it,
 * their process and when. Whoever waits is told the holder. A holder whose process is gone left a stale lock, which
 * is taken over.
 */
public final class ConfigLock implements AutoCloseable {
    public static final Path DEFAULT = Path.of("/run/littlehub/config.lock");
    private final Path dir;

    private ConfigLock(Path dir) {
        this.dir = dir;
    }

    /** The holder line ("who (pid N) since TIME"), when the lock is held. */
    public static Optional<String> holder(Path dir) {
        try {
            return Files.isRegularFile(dir.resolve("holder")) ? Optional.of(Files.readString(dir.resolve("holder")).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Takes the lock, waiting up to {@code waitSeconds}; {@code waiting} hears the holder once while it waits.
     * Empty when it is still held after that.
     */
    public static Optional<ConfigLock> acquire(Path dir, String who, int waitSeconds, Consumer<String> waiting) {
        long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
        boolean told = false;
        while (true) {
            try {
                if (take(dir, who)) {
                    return Optional.of(new ConfigLock(dir));
                }
                throw new FileAlreadyExistsException(dir.toString());
            } catch (FileAlreadyExistsException held) {
                if (stale(dir)) {
                    release(dir);
                    continue;
                }
                if (System.currentTimeMillis() >= deadline) {
                    return Optional.empty();
                }
                if (!told) {
                    waiting.accept("waiting for the " + name(dir) + " held by " + holder(dir).orElse("another change"));
                    told = true;
                }
                sleep();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot take the " + name(dir) + " " + dir, e);
            }
        }
    }

    /**
     * The lock directory appears with its holder line already in it (made aside, then renamed into place), so whoever
     * finds the lock held can always name the holder. False when someone else holds it.
     */
    private static boolean take(Path dir, String who) throws IOException {
        Files.createDirectories(dir.getParent());
        Path aside = dir.resolveSibling(dir.getFileName() + ".new-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectory(aside);
        try {
            Files.writeString(aside.resolve("holder"), who + " (pid " + ProcessHandle.current().pid() + ") since " + Instant.now() + "\n");
            if (Files.exists(dir)) {
                return false;
            }
            // rename(2) does not replace a directory that has a holder in it: of two racing takers, one wins.
            Files.move(aside, dir, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileSystemException lost) {
            if (Files.exists(dir)) {
                return false;
            }
            throw lost;
        } finally {
            Files.deleteIfExists(aside.resolve("holder"));
            Files.deleteIfExists(aside);
        }
    }

    /** What waiters are told it is: "config lock" for config.lock, "env lock" for env.lock. */
    static String name(Path dir) {
        String file = dir.getFileName().toString();
        return file.endsWith(".lock") ? file.substring(0, file.length() - ".lock".length()) + " lock" : "lock " + file;
    }

    private static boolean stale(Path dir) {
        Optional<String> h = holder(dir);
        if (h.isEmpty()) {
            // Being written this very moment, or left half-made by a crash: judge by age.
            try {
                return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minusSeconds(30));
            } catch (IOException e) {
                return false;
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(pid (\\d+)\\)").matcher(h.get());
        return m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty();
    }

    private static void release(Path dir) {
        try {
            // Renamed away first, so the lock directory is never seen without its holder line.
            Path gone = dir.resolveSibling(dir.getFileName() + ".old-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            try {
                Files.move(dir, gone, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.NoSuchFileException alreadyGone) {
                return;
            }
            Files.deleteIfExists(gone.resolve("holder"));
            Files.deleteIfExists(gone);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the " + name(dir) + " " + dir, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a lock", e);
        }
    }

    @Override
    public void close() {
        release(dir);
    }
}
