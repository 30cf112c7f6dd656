package io.littlehub.agent.release;

import io.littlehub.agent.backup.DatabaseSnapshot;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * What an upgrade copies first: the hub database (a consistent SQLite backup of the live file) and the config, in
 * {@code /var/lib/littlehub/upgrades/<time>-<from>-to-<to>/}. A new JupyterHub may migrate the database's schema
 * ({@code --upgrade-db}); the old one cannot read the migrated file, so going back restores this copy — only then.
 * Students' homes are not touched by an upgrade (and are in {@code littlehub backup}).
 */
public final class HubStateBackup {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final Machine machine;
    private final Path backups;

    public HubStateBackup(Machine machine, Path backups) {
        this.machine = machine;
        this.backups = backups;
    }

    public static HubStateBackup onThisMachine(Machine machine) {
        return new HubStateBackup(machine, Path.of(Layout.UPGRADE_BACKUPS));
    }

    public Path take(String from, String to) throws IOException {
        Files.createDirectories(backups, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path dir = Files.createDirectory(backups.resolve(ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + from + "-to-" + to),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        new DatabaseSnapshot(machine).copy(Layout.HUB_DB, dir);
        Files.copy(Path.of(Layout.CONFIG_FILE), dir.resolve("config.yaml"), StandardCopyOption.COPY_ATTRIBUTES);
        return dir;
    }

    /**
     * Puts the backup's database back when the live one's schema moved on (another alembic revision); true when it did.
     * The hub must be stopped. When the schema is the same, the live database stays: it has everything since.
     */
    public boolean restoreDatabaseIfMigrated(Path backup) throws IOException {
        Path copy = backup.resolve("jupyterhub.sqlite");
        Path live = Path.of(Layout.HUB_DB);
        if (!Files.isRegularFile(copy) || revision(copy).equals(revision(live))) {
            return false;
        }
        Path fresh = live.resolveSibling(live.getFileName() + ".rollback");
        Files.copy(copy, fresh, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-------"));
        Files.move(fresh, live, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(live.resolveSibling(live.getFileName() + "-journal"));
        return true;
    }

    /** The database's schema revision (JupyterHub's alembic_version); empty when it has none or cannot be read. */
    Optional<String> revision(Path db) {
        if (!Files.isRegularFile(db)) {
            return Optional.empty();
        }
        CommandResult r = machine.run(List.of("sqlite3", "-readonly", db.toString(), "SELECT version_num FROM alembic_version"));
        return r.ok() && !r.stdout().isBlank() ? Optional.of(r.stdout().strip()) : Optional.empty();
    }
}
