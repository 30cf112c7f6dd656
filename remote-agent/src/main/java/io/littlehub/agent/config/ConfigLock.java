package io.littlehub.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One change to the hub config at a time (and, with another file, one change to the users' environment): an OS lock
 * ({@code fcntl}, through {@link FileChannel#tryLock}) on a lock file, so the kernel frees it the moment its holder's
 * process ends, however it ends; no holder is ever judged dead by a PID, which another process may since have reused.
 * The holder writes who it is into the file ("who (pid N) since TIME"), so whoever waits is told the holder.
 *
 * <p>The file itself stays: deleting it could let a second taker lock a new file while a first still holds the old.
 */
public final class ConfigLock implements AutoCloseable {
    public static final Path DEFAULT = Path.of("/run/littlehub/config.lock");
    /**
     * The locks this process holds, with their holder lines; every use of the files is synchronized on it. Only one
     * descriptor per file per process: closing any descriptor of a file drops the process's fcntl locks on it, so
     * this process never opens a file whose lock it holds.
     */
    private static final Map<Path, String> HELD_HERE = new HashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ConfigLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The holder line ("who (pid N) since TIME") the last holder wrote; empty when it released the lock. A taker
     * writes its line just after it takes the lock, so a look in that instant (a waiter that lost a race by a hair)
     * finds the file empty: an empty file is looked at again for a moment.
     */
    public static Optional<String> holder(Path file) {
        for (int look = 0; look < 20; look++) {
            Optional<String> line = holderLine(file);
            if (line.isPresent()) {
                return line;
            }
            sleep(10);
        }
        return Optional.empty();
    }

    private static Optional<String> holderLine(Path file) {
        synchronized (HELD_HERE) {
            String here = HELD_HERE.get(key(file));
            if (here != null) {
                return Optional.of(here);
            }
            try {
                String line = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
                return line.isEmpty() ? Optional.empty() : Optional.of(line);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Whether some process holds the lock now: a look that takes it for an instant when it is free. No file: never
     * taken since the boot that emptied /run.
     */
    public static boolean isHeld(Path file) {
        synchronized (HELD_HERE) {
            if (!Files.exists(file)) {
                return false;
            }
            Optional<ConfigLock> free = tryTake(file, null);
            free.ifPresent(ConfigLock::close);
            return free.isEmpty();
        }
    }

    /**
     * Takes the lock, waiting up to {@code waitSeconds}; {@code waiting} hears the holder once while it waits.
     * Empty when it is still held after that.
     */
    public static Optional<ConfigLock> acquire(Path file, String who, int waitSeconds, Consumer<String> waiting) {
        long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
        boolean told = false;
        while (true) {
            Optional<ConfigLock> taken = tryTake(file, who);
            if (taken.isPresent() || System.currentTimeMillis() >= deadline) {
                return taken;
            }
            if (!told) {
                waiting.accept("waiting for the " + name(file) + " held by "
                        + holder(file).orElse("another change"));
                told = true;
            }
            sleep(250);
        }
    }

    /** The lock when it is free (with {@code who}'s holder line written, unless only looking), else empty. */
    private static Optional<ConfigLock> tryTake(Path file, String who) {
        synchronized (HELD_HERE) {
            return HELD_HERE.containsKey(key(file)) ? Optional.empty() : tryLock(file, who);
        }
    }

    private static Optional<ConfigLock> tryLock(Path file, String who) {
        if (Files.isDirectory(file)) {
            throw new IllegalStateException("the " + name(file) + " " + file + " is a directory: the lock of an older"
                    + " littlehub-agent, which /run keeps until a reboot; when no older agent runs, remove it"
                    + " (sudo rm -r " + file + ") and try again");
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            if (who != null) {
                String line = who + " (pid " + ProcessHandle.current().pid() + ") since " + Instant.now();
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                HELD_HERE.put(key(file), line);
            } else {
                HELD_HERE.put(key(file), "");
            }
            return Optional.of(new ConfigLock(file, channel, lock));
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the error above is the one to report
                }
            }
            throw new UncheckedIOException("cannot take the " + name(file) + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** What waiters are told it is: "config lock" for config.lock, "env lock" for env.lock. */
    static String name(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".lock") ? name.substring(0, name.length() - ".lock".length()) + " lock" : "lock " + name;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a lock", e);
        }
    }

    /** Clears the holder line (so nobody is named after it is free), then releases the lock. */
    @Override
    public void close() {
        synchronized (HELD_HERE) {
            try (channel) {
                if (!HELD_HERE.get(key(file)).isEmpty()) {
                    channel.truncate(0);
                }
                lock.release();
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot release the " + name(file) + " " + file + ": " + e.getMessage(), e);
            } finally {
                HELD_HERE.remove(key(file));
            }
        }
    }
}
