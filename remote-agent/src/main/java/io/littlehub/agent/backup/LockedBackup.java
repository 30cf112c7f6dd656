package io.littlehub.agent.backup;

import io.littlehub.agent.config.ConfigLock;
import io.littlehub.common.ExitCodes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A backup into a folder (what the backup timer runs) holds the hub's one change lock while it writes, so it never
 * reads the homes, the database or the config while a restore, an upgrade or a config change moves them. When
 * another change holds the lock longer than the wait, the backup is skipped with a line in the journal naming the
 * holder (exit {@code LOCKED}, so the unit shows as failed in {@code status}): the timer runs the next one.
 */
final class LockedBackup {
    /** How long the timer's backup waits for a change to finish: a converge or an upgrade takes minutes. */
    static final int WAIT_SECONDS = 600;

    private LockedBackup() {}

    static int run(Path lockFile, String who, int waitSeconds, PrintStream err, Callable<Integer> backup)
            throws Exception {
        Optional<ConfigLock> lock = ConfigLock.acquire(lockFile, "backup by " + who, waitSeconds, err::println);
        if (lock.isEmpty()) {
            err.println("backup skipped: the hub is still busy with "
                    + ConfigLock.holder(lockFile).orElse("another change") + " after " + waitSeconds
                    + " s; no archive written, none deleted; the timer runs the next backup as scheduled");
            return ExitCodes.LOCKED;
        }
        try (ConfigLock held = lock.get()) {
            // A backup changes nothing: an interrupted change's record stays for the next change to finish.
            held.passOn();
            return backup.call();
        }
    }
}
