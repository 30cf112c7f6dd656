"""Who may sign in to the littlehub hub, and how often: a guard around the password authenticators.

The provision playbook copies this file into the release's folder beside jupyterhub_config.py, which imports it.
- SignInGuard (any password authenticator: FirstUse, shared-password, native) throttles failed sign-ins per name and
  per client address (littlehub_signin_throttle) and answers 429 with when to retry.
- FirstUseSignIn is FirstUseAuthenticator with two changes: a password is stored only for a name that may choose one
  (on the roster, or anyone with open sign-up; never a banned, invalid or admin name), checked BEFORE anything is
  written; and bcrypt runs in a thread pool, so sign-ins do not queue on the hub's event loop. An unknown name costs
  the same hash as a wrong password and gets the same answer, so the answers do not tell which names exist.
"""
import asyncio
import concurrent.futures
import dbm
import hmac
import os
import time

import bcrypt
from firstuseauthenticator import FirstUseAuthenticator
from jupyterhub.auth import Authenticator
from tornado import web
from traitlets import Bool, Integer

from littlehub_signin_throttle import Throttle, client_address, wait_words


class SignInGuard(Authenticator):
    """Refuses sign-ins (HTTP 429, with Retry-After) from a name or address that failed too often lately."""

    throttle = Bool(True, config=True, help="Throttle failed sign-ins (littlehub's auth.throttle.enabled).")
    failures_per_name = Integer(5, config=True, help="Failures of one name within window_seconds before a lockout.")
    failures_per_address = Integer(30, config=True, help="Failures from one address within window_seconds before "
                                   "a lockout (higher: a class behind one school address shares it).")
    window_seconds = Integer(300, config=True, help="How far back failures count.")
    lockout_seconds = Integer(60, config=True, help="The first lockout; each further one lasts twice as long.")
    max_lockout_seconds = Integer(3600, config=True, help="The longest lockout.")

    _throttle_table = None

    def _table(self):
        if self._throttle_table is None:
            self._throttle_table = Throttle(self.failures_per_name, self.failures_per_address, self.window_seconds,
                                            self.lockout_seconds, self.max_lockout_seconds)
        return self._throttle_table

    async def get_authenticated_user(self, handler, data):
        if not self.throttle:
            return await super().get_authenticated_user(handler, data)
        name = self.normalize_username(str((data or {}).get("username", "")))
        address = client_address(handler.request.headers.get("X-Forwarded-For", ""), _peer(handler.request))
        wait, which = self._table().retry_after(name, address, time.monotonic())
        if wait > 0:
            self.log.warning("Sign-in throttled (%s, %s): %d s left", which, address, wait)
            await _answer_too_many(handler, which, wait, name)
        user = await super().get_authenticated_user(handler, data)
        if user is None:
            self._table().failed(name, address, time.monotonic())
        else:
            self._table().succeeded(name, address, time.monotonic())
        return user


def _peer(request):
    """The address the hub's own socket was connected from (request.remote_ip believes X-Real-Ip)."""
    address = getattr(getattr(request.connection, "context", None), "address", None)
    return address[0] if isinstance(address, tuple) and address else request.remote_ip


async def _answer_too_many(handler, which, wait, username):
    """Answers 429 with Retry-After and the login form saying when to retry, and ends the request (Tornado's Finish).
    Not an HTTPError: JupyterHub would render it through the login handler's _render with the error page's
    arguments, which FirstUse's and native's _render do not take (an empty page)."""
    subject = "for this user name" if which == "name" else "from your network address"
    handler.set_status(429)
    handler.set_header("Retry-After", str(int(-(-wait // 1))))
    handler.finish(await handler._render(
        login_error=f"Too many failed sign-ins {subject}. Try again in {wait_words(wait)}.", username=username))
    raise web.Finish()


def guarded(authenticator_class):
    """authenticator_class with SignInGuard in front (shared-password: it needs nothing else)."""
    return type("Littlehub" + authenticator_class.__name__, (SignInGuard, authenticator_class), {})


class _NoStatsd:
    """A statsd client that records nothing: nativeauthenticator 1.3.0's login handler times each sign-in with
    JupyterHub's statsd client, which JupyterHub 6 no longer has (every sign-in failed with a 500)."""

    def timer(self, name):
        return self

    def start(self):
        return self

    def stop(self, send=True):
        pass


def native_sign_in():
    """NativeAuthenticator with SignInGuard in front and a login handler that works on JupyterHub 6. Imported only
    when native is the sign-in: its module adds a table to the hub's database."""
    from nativeauthenticator import NativeAuthenticator
    from nativeauthenticator.handlers import LoginHandler

    class NativeLoginHandler(LoginHandler):
        statsd = _NoStatsd()

    class LittlehubNativeAuthenticator(SignInGuard, NativeAuthenticator):
        def get_handlers(self, app):
            return [(path, NativeLoginHandler if handler is LoginHandler else handler)
                    for path, handler in super().get_handlers(app)]

    return LittlehubNativeAuthenticator


# bcrypt releases the GIL while it hashes: one thread per core hashes that many sign-ins at once.
_HASHING = concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="littlehub-bcrypt")


class FirstUseSignIn(SignInGuard, FirstUseAuthenticator):
    """FirstUse that stores a password only for a name that may choose one, hashing off the event loop."""

    open_signup = Bool(False, config=True, help="Anyone may pick a new name (users.open_signup); else only "
                       "users.allowed. Admins never choose their password at sign-in: the teacher sets it.")
    hash_in_threads = Bool(True, config=True, help="Hash in a thread pool; False hashes on the event loop as "
                           "FirstUse does (only to compare, in test-vms/bench-signin).")

    _no_such_password = None

    async def authenticate(self, handler, data):
        name = self.normalize_username(str(data.get("username", "")))
        # bcrypt reads 72 bytes; bcrypt 5 refuses longer passwords (a 500) where earlier versions cut them there.
        password = str(data.get("password", "")).encode("utf-8")[:72]
        stored = self._stored_hash(name)
        if stored is None and not self._may_choose_password(name):
            # As long as a wrong password takes, with the same answer: no telling which names exist.
            await self._hash(password, await self._dummy_hash())
            self.log.warning("Sign-in as %r refused: not a name that may choose a password here", name[:64])
            return None
        if stored is not None:
            return name if hmac.compare_digest(await self._hash(password, stored), stored) else None
        if not self._validate_password(str(data.get("password", ""))):
            handler.custom_login_error = ("Password too short! Please choose a password at least %d characters long."
                                          % self.min_password_length)
            return None
        chosen = await self._hash(password, bcrypt.gensalt())
        with dbm.open(self.dbm_path, "c", 0o600) as db:
            if db.get(name.encode("utf-8")) is not None:
                return None  # someone else chose this name's password while we hashed
            db[name.encode("utf-8")] = chosen
        self.log.info("First sign-in of %s: password chosen", name)
        return name

    def _may_choose_password(self, name):
        if not self.validate_username(name) or name in self.blocked_users or name in self.admin_users:
            return False
        return self.open_signup or name in self.allowed_users

    def _stored_hash(self, name):
        try:
            with dbm.open(self.dbm_path, "r") as db:
                return db.get(name.encode("utf-8"))
        except dbm.error:
            return None  # no password database yet

    async def _dummy_hash(self):
        """A hash of a random password, at FirstUse's cost, made once."""
        if self._no_such_password is None:
            self._no_such_password = await self._hash(os.urandom(16), bcrypt.gensalt())
        return self._no_such_password

    async def _hash(self, password, salt):
        if not self.hash_in_threads:
            return bcrypt.hashpw(password, salt)
        return await asyncio.get_running_loop().run_in_executor(_HASHING, bcrypt.hashpw, password, salt)
