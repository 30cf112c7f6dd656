"""The roster as the running hub sees it: users.allowed, users.admin and users.banned, read from roster.json.

The provision playbook writes roster.json (root 0600, beside the hub's state) from the config and jupyterhub_config.py
does not hold the roster, so adding a student, an admin or a ban changes no file the hub reads at start and the hub
is not restarted (a restart answers every page with 503 for seconds: a class signing in fails). The authenticator
reads the file again at the next sign-in once its modification time changed; the agent sets the admin flag of users
already in the hub's database through the REST API. The config file stays the record: roster.json is made from it.
"""
import json
import os


def read_roster(path):
    """(allowed, admins, banned) as sets: admins are always allowed."""
    with open(path, encoding="utf-8") as roster_file:
        roster = json.load(roster_file)
    admins = set(roster["admins"])
    return set(roster["allowed"]) | admins, admins, set(roster["banned"])


def live_roster(authenticator_class, path):
    """authenticator_class reading the roster from PATH again at a sign-in after the file changed."""

    class LiveRoster(authenticator_class):
        _roster_version = None

        def refresh_roster(self):
            try:
                version = os.stat(path).st_mtime_ns
            except FileNotFoundError:
                return
            if version == self._roster_version:
                return
            self.allowed_users, self.admin_users, self.blocked_users = read_roster(path)
            self._roster_version = version
            self.log.info("littlehub: roster read from %s: %d allowed, %d admins, %d banned", path,
                          len(self.allowed_users), len(self.admin_users), len(self.blocked_users))

        async def get_authenticated_user(self, handler, data):
            self.refresh_roster()
            return await super().get_authenticated_user(handler, data)

    LiveRoster.__name__ = LiveRoster.__qualname__ = authenticator_class.__name__
    return LiveRoster
