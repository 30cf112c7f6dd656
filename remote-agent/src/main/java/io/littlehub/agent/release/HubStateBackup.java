package io.littlehub.agent.release;

import io.littlehub.agent.backup.DatabaseSnapshot;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.FileState;
import io.littlehub.common.machine.Machine;
import java.nio.file.Path;
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

    public Path take(String from, String to) {
        machine.makeDirectory(backups.toString(), "root", "root", 0700);
        Path dir = backups.resolve(ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + from + "-to-" + to);
        machine.makeDirectory(dir.toString(), "root", "root", 0700);
        new DatabaseSnapshot(machine).copy(Layout.HUB_DB, dir);
        FileState config = machine.stat(Layout.CONFIG_FILE)
                .orElseThrow(() -> new IllegalStateException("no " + Layout.CONFIG_FILE));
        machine.write(
                dir.resolve("config.yaml").toString(),
                machine.read(Layout.CONFIG_FILE).orElseThrow(),
                config.owner(),
                config.group(),
                config.mode());
        return dir;
    }

    /**
     * Puts the backup's database back when the live one's schema moved on (another alembic revision); true when it did.
     * The hub must be stopped. When the schema is the same, the live database stays: it has everything since.
     */
    public boolean restoreDatabaseIfMigrated(Path backup) {
        String copy = backup.resolve("jupyterhub.sqlite").toString();
        String live = Layout.HUB_DB;
        if (machine.stat(copy).isEmpty() || revision(copy).equals(revision(live))) {
            return false;
        }
        String fresh = live + ".rollback";
        check(machine.run(List.of("cp", "-T", "--", copy, fresh)), "copy " + copy);
        machine.setAttributes(fresh, "root", "root", 0600);
        check(machine.run(List.of("mv", "-T", "--", fresh, live)), "put " + copy + " in place");
        check(machine.run(List.of("rm", "-f", "--", live + "-journal")), "remove " + live + "-journal");
        return true;
    }

    /** The database's schema revision (JupyterHub's alembic_version); empty when it has none or cannot be read. */
    Optional<String> revision(String db) {
        if (machine.stat(db).isEmpty()) {
            return Optional.empty();
        }
        CommandResult r = machine.run(List.of("sqlite3", "-readonly", db, "SELECT version_num FROM alembic_version"));
        return r.ok() && !r.stdout().isBlank() ? Optional.of(r.stdout().strip()) : Optional.empty();
    }

    private static void check(CommandResult r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException(
                    "could not " + what + " (exit " + r.exitCode() + "): " + (r.stderr() + r.stdout()).strip());
        }
    }
}
