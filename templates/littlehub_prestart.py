"""The part of a hub restart that can happen before the running hub stops.

The provision playbook's "restart hub" handler runs it with the new release's hub environment, while the old hub still
serves: it loads jupyterhub_config.py as JupyterHub does at its start, which imports JupyterHub, the spawner and the
authenticator (their files in the page cache, bytecode written) and fails here, the old hub untouched, when the new
one could not start; and it says whether that start migrates the database's schema (the unit's --upgrade-db), which
makes the restart longer. It changes nothing.
"""
import contextlib
import sqlite3
import sys


def sqlite_revision(db_url):
    """The alembic revision a sqlite database records, read-only (None: not sqlite, no database or no revision)."""
    prefix = "sqlite:///"
    if not db_url.startswith(prefix):
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db_url[len(prefix):]}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def schema_note(found, head):
    """One line on the schema: the same, or migrated by the start."""
    if found is None:
        return f"no database schema recorded yet: the start makes it ({head})"
    if found == head:
        return f"the database's schema is this JupyterHub's ({head}): no migration at the start"
    return f"the database's schema is {found}, this JupyterHub's {head}: the hub's start migrates it (a longer restart)"


def main(config_file):
    # Imported here, not above: these imports are the warming (and the functions above are tested without them).
    from alembic.script import ScriptDirectory
    from jupyterhub import dbutil
    from jupyterhub.app import JupyterHub

    hub = JupyterHub()  # raise_config_file_errors is True in JupyterHub: a broken config raises here
    hub.load_config_file(config_file)
    head = ScriptDirectory(dbutil.ALEMBIC_DIR).get_current_head()
    print(f"{config_file} loaded; " + schema_note(sqlite_revision(hub.db_url), head))


if __name__ == "__main__":
    main(sys.argv[1])
