"""Unit tests of templates/littlehub_roster.py (run by SigninThrottleTest with the templates folder on the path)."""
import asyncio
import json
import logging
import os
import tempfile
import unittest

from littlehub_roster import live_roster, read_roster


class Authenticator:
    """Stands in for a JupyterHub authenticator: the sets it checks, and a sign-in that reports them."""

    log = logging.getLogger("test")

    def __init__(self):
        self.allowed_users, self.admin_users, self.blocked_users = set(), set(), set()

    async def get_authenticated_user(self, handler, data):
        name = data["username"]
        if name in self.blocked_users or name not in self.allowed_users:
            return None
        return {"name": name, "admin": name in self.admin_users}


def write(path, allowed, admins, banned, mtime_ns):
    with open(path, "w") as f:
        json.dump({"allowed": allowed, "admins": admins, "banned": banned}, f)
    os.utime(path, ns=(mtime_ns, mtime_ns))


class RosterTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.folder.name, "roster.json")

    def tearDown(self):
        self.folder.cleanup()

    def sign_in(self, auth, name):
        return asyncio.run(auth.get_authenticated_user(None, {"username": name}))

    def test_admins_are_allowed(self):
        write(self.path, ["ada"], ["teacher"], ["eve"], 1_000_000_000)
        self.assertEqual(({"ada", "teacher"}, {"teacher"}, {"eve"}), read_roster(self.path))

    def test_a_changed_file_is_read_at_the_next_sign_in(self):
        write(self.path, ["ada"], ["teacher"], [], 1_000_000_000)
        auth = live_roster(Authenticator, self.path)()
        self.assertEqual("Authenticator", type(auth).__name__)
        self.assertEqual({"name": "ada", "admin": False}, self.sign_in(auth, "ada"))
        self.assertIsNone(self.sign_in(auth, "bob"))
        write(self.path, ["bob"], ["teacher", "ada"], ["eve"], 2_000_000_000)
        self.assertEqual({"name": "bob", "admin": False}, self.sign_in(auth, "bob"))
        self.assertEqual({"name": "ada", "admin": True}, self.sign_in(auth, "ada"))
        self.assertEqual({"eve"}, auth.blocked_users)

    def test_an_unchanged_file_is_not_read_again(self):
        write(self.path, ["ada"], [], [], 1_000_000_000)
        auth = live_roster(Authenticator, self.path)()
        self.sign_in(auth, "ada")
        auth.allowed_users = {"kept"}
        self.sign_in(auth, "kept")
        self.assertEqual({"kept"}, auth.allowed_users)

    def test_a_missing_file_keeps_what_the_hub_started_with(self):
        auth = live_roster(Authenticator, self.path)()
        auth.allowed_users = {"ada"}
        self.assertEqual({"name": "ada", "admin": False}, self.sign_in(auth, "ada"))


if __name__ == "__main__":
    unittest.main()
