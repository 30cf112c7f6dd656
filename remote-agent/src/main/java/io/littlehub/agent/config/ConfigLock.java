package io.littlehub.agent.config;

import java.io.IOException;
import java.io.PrintStream;
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
 * The hub's one change lock: every command that changes the hub (provision, config, roster, env, upgrade, rollback,
 * restore, backup --schedule, class warm) holds it, so two teachers (or a teacher and a timer) never change the hub at
 * once. An OS lock ({@code fcntl}, through {@link FileChannel#tryLock}) on a lock file, so the kernel frees it the
 * moment its holder's process ends, however it ends; no holder is ever judged dead by a PID, which another process
 * may since have reused. The holder writes what it does and who it is into the file ("config set x by alice@laptop
 * (pid N) since TIME"), so whoever waits is told the holder, and clears it when it is done: a line left in a free
 * file is a change whose process ended before it finished ({@link #interrupted}), which the next taker hears of.
 *
 * <p>The file itself stays: deleting it could let a second taker lock a new file while a first still holds the old.
 * It is in /run, where the kernel's lock belongs, but a reboot empties /run: so the holder also records its line in
 * {@link #recordOf its record} under /var/lib (written whole: temporary file, fsync, rename) and removes it when done.
 * A record found by the next taker is an interrupted change even after a reboot.
 */
public final class ConfigLock implements AutoCloseable {
    public static final Path DEFAULT = Path.of("/run/littlehub/config.lock");
    /** Where the holder of {@link #DEFAULT} records the change it makes: kept across a reboot. */
    public static final Path DEFAULT_RECORD = Path.of("/var/lib/littlehub/unfinished-change");
    /**
     * The locks this process holds, with their holder lines; every use of the files is synchronized on it. Only one
     * descriptor per file per process: closing any descriptor of a file drops the process's fcntl locks on it, so
     * this process never opens a file whose lock it holds.
     */
    private static final Map<Path, String> HELD_HERE = new HashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Optional<String> interrupted;
    private boolean passOn;

    private ConfigLock(Path file, FileChannel channel, FileLock lock, Optional<String> interrupted) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.interrupted = interrupted;
    }

    /**
     * Takes the lock for {@code what} (a command, like "config set x") done by {@code who}, waiting up to
     * {@code waitSeconds} with one status line on {@code err} naming the holder; when it stays held, says who holds
     * it and how to go on, and is empty (the caller exits {@code ExitCodes.LOCKED}). A change found interrupted is
     * named on {@code err}; what the taker does about it is the taker's to say.
     */
    public static Optional<ConfigLock> take(Path file, String what, String who, int waitSeconds, PrintStream err) {
        Optional<ConfigLock> lock = acquire(file, what + " by " + who, waitSeconds, err::println);
        if (lock.isEmpty()) {
            err.println("the hub is busy with " + holder(file).orElse("another change")
                    + ": nothing changed; try again when it is done (or wait longer with --wait SECONDS)");
        }
        lock.flatMap(ConfigLock::interrupted)
                .ifPresent(line -> err.println(
                        "an earlier change was interrupted before it finished: " + line + " (its process ended)"));
        return lock;
    }

    /** The holder line of a change whose process ended before it finished, found when this lock was taken. */
    public Optional<String> interrupted() {
        return interrupted;
    }

    /**
     * Leaves the interrupted change's line for the next taker when this one is released: a look that changes nothing
     * of the hub (recording an admin's pip) must not swallow it before a change hears of it.
     */
    public void passOn() {
        passOn = true;
    }

    /** What a holder line says was done: "config set x" of "config set x by alice@laptop (pid 7) since …". */
    public static String command(String holderLine) {
        int by = holderLine.indexOf(" by ");
        return by < 0 ? holderLine : holderLine.substring(0, by);
    }

    /** Who a holder line says did it: "alice@laptop" of "config set x by alice@laptop (pid 7) since …". */
    public static String who(String holderLine) {
        int by = holderLine.indexOf(" by ");
        int pid = holderLine.lastIndexOf(" (pid ");
        return by < 0 || pid < by ? "littlehub" : holderLine.substring(by + " by ".length(), pid);
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
                waiting.accept("waiting up to " + waitSeconds + " s for the " + name(file) + ", held by "
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
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            // A record, or a line left in a free file: its holder ended without clearing it (killed; the record also
            // survives a reboot). Read through this channel: opening and closing another descriptor of the file would
            // drop this process's lock on it.
            Optional<String> interrupted = who == null ? Optional.empty() : leftRecord(file);
            if (who != null && interrupted.isEmpty()) {
                interrupted = leftLine(channel);
            }
            if (who != null) {
                String line = who + " (pid " + ProcessHandle.current().pid() + ") since " + Instant.now();
                record(file, line);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                HELD_HERE.put(key(file), line);
            } else {
                HELD_HERE.put(key(file), "");
            }
            return Optional.of(new ConfigLock(file, channel, lock, interrupted));
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

    private static Optional<String> leftLine(FileChannel channel) throws IOException {
        ByteBuffer left = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        while (left.hasRemaining() && channel.read(left, left.position()) > 0) {
            // read until full or the end of the file
        }
        String line = new String(left.array(), 0, left.position(), StandardCharsets.UTF_8).strip();
        return line.isEmpty() ? Optional.empty() : Optional.of(line);
    }

    /**
     * Where a lock file's holder records its change, outside /run: {@link #DEFAULT_RECORD} for the hub's lock, else
     * (tests' locks) beside the lock file.
     */
    static Path recordOf(Path lockFile) {
        return key(lockFile).equals(key(DEFAULT))
                ? DEFAULT_RECORD
                : lockFile.resolveSibling(lockFile.getFileName() + ".unfinished");
    }

    private static Optional<String> leftRecord(Path lockFile) throws IOException {
        Path record = recordOf(lockFile);
        String line = Files.isRegularFile(record) ? Files.readString(record).strip() : "";
        return line.isEmpty() ? Optional.empty() : Optional.of(line);
    }

    /** Records {@code line} (null: removes the record). */
    private static void record(Path lockFile, String line) throws IOException {
        Path record = recordOf(lockFile);
        if (line == null) {
            Files.deleteIfExists(record);
        } else {
            Files.createDirectories(record.getParent());
            ConfigHistory.writePrivate(record, line + "\n");
        }
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** What waiters are told it is. */
    static String name(Path file) {
        return "hub's change lock (" + file + ")";
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
                    record(file, passOn ? interrupted.orElse(null) : null);
                    channel.truncate(0);
                }
                if (passOn && interrupted.isPresent()) {
                    channel.write(ByteBuffer.wrap((interrupted.get() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    channel.force(false);
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
