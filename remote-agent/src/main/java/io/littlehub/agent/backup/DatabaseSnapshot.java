package io.littlehub.agent.backup;

import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.nio.file.Path;
import java.util.List;

/**
 * A consistent copy of the hub's SQLite database while the hub runs: SQLite's online backup ({@code sqlite3 DB
 * ".backup FILE"}; the provision playbook installs sqlite3), or the same API through the hub venv's Python when the
 * sqlite3 program is missing. Never a file copy of a live database.
 */
public final class DatabaseSnapshot {
    private static final String PYTHON_BACKUP = String.join(
            "\n",
            "import sqlite3, sys",
            "src = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)",
            "dst = sqlite3.connect(sys.argv[2])",
            "with dst:",
            "    src.backup(dst)",
            "dst.close(); src.close()");

    private final Machine machine;

    public DatabaseSnapshot(Machine machine) {
        this.machine = machine;
    }

    /** Copies {@code db} into {@code dir} (a private folder); the copy, or null when there is no database. */
    public Path copy(String db, Path dir) {
        if (!isFile(db)) {
            return null;
        }
        Path target = dir.resolve("jupyterhub.sqlite");
        // The dot-command's argument is quoted for sqlite3; the folder comes from createTempDirectory (no quotes in
        // it).
        CommandResult r = machine.run(List.of("sqlite3", "-bail", db, ".timeout 10000", ".backup '" + target + "'"));
        if (r.exitCode() == 127) {
            r = machine.run(List.of(Layout.HUB_VENV + "/bin/python3", "-c", PYTHON_BACKUP, db, target.toString()));
        }
        if (!r.ok() || !isFile(target.toString())) {
            throw new IllegalStateException("could not copy the hub database " + db + " (exit " + r.exitCode() + "): "
                    + (r.stderr() + r.stdout()).strip());
        }
        return target;
    }

    private boolean isFile(String path) {
        return machine.stat(path).filter(f -> !f.directory()).isPresent();
    }
}
