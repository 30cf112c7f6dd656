"""Unit tests of templates/littlehub_prestart.py's pure parts (run by SigninThrottleTest, templates on the path)."""
import contextlib
import os
import sqlite3
import tempfile
import unittest

from littlehub_prestart import schema_note, sqlite_revision


class PrestartTest(unittest.TestCase):
    def test_the_revision_a_sqlite_database_records(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "jupyterhub.sqlite")
            self.assertIsNone(sqlite_revision("sqlite:///" + path), "no database: none (and none made)")
            self.assertFalse(os.path.exists(path))
            with contextlib.closing(sqlite3.connect(path)) as db:
                db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
                db.commit()
                self.assertIsNone(sqlite_revision("sqlite:///" + path), "no revision yet")
                db.execute("INSERT INTO alembic_version VALUES ('4621fec11365')")
                db.commit()
            self.assertEqual("4621fec11365", sqlite_revision("sqlite:///" + path))
        self.assertIsNone(sqlite_revision("postgresql://hub@db/jupyterhub"))

    def test_the_note_says_when_the_start_migrates(self):
        self.assertIn("no migration", schema_note("4621fec11365", "4621fec11365"))
        self.assertIn("makes it", schema_note(None, "4621fec11365"))
        note = schema_note("0eee8c825d24", "4621fec11365")
        self.assertIn("0eee8c825d24", note)
        self.assertIn("migrates it", note)


if __name__ == "__main__":
    unittest.main()
