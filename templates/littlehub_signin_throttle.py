"""Sign-in throttling for the littlehub hub: who failed how often, and whose requests these are.

Pure (standard library only) so it is tested without a hub (SigninThrottleTest runs test_littlehub_signin_throttle.py).
The provision playbook copies this file into the release's folder beside jupyterhub_config.py; littlehub_signin.py
uses it. Times are seconds from any monotonic clock, passed in by the caller.
"""
import ipaddress
from collections import deque

# A name longer than a hub user name may be is still counted, under its first characters: the table stays small.
_NAME_KEY_LENGTH = 64


class Throttle:
    """Counts failed sign-ins per name and per client address. After `failures_per_name` failures of one name (or
    `failures_per_address` from one address) within `window` seconds, that name (address) is refused for `lockout`
    seconds, twice as long at each further lockout, at most `max_lockout`. A success clears its name's record, never
    its address's (an attacker's own account would otherwise reset the count of their guesses at others)."""

    def __init__(self, failures_per_name, failures_per_address, window, lockout, max_lockout, max_keys=100_000):
        self._limits = {"name": failures_per_name, "address": failures_per_address}
        self._window = window
        self._lockout = lockout
        self._max_lockout = max_lockout
        self._max_keys = max_keys
        self._records = {}

    def retry_after(self, name, address, now):
        """(seconds to wait, "name" or "address") while either is locked out, else (0, None)."""
        waits = [(self._records[key].locked_until - now, key[0]) for key in self._keys(name, address)
                 if key in self._records and self._records[key].locked_until > now]
        return max(waits) if waits else (0, None)

    def failed(self, name, address, now):
        for key in self._keys(name, address):
            record = self._records.get(key)
            if record is None:
                self._make_room(now)
                record = self._records[key] = _Record()
            record.fail(now, self._limits[key[0]], self._window, self._lockout, self._max_lockout)

    def succeeded(self, name, address, now):
        self._records.pop(("name", _name_key(name)), None)

    def _keys(self, name, address):
        return [("name", _name_key(name)), ("address", address)]

    def _make_room(self, now):
        """Forgets records that are quiet (nothing within the window, no lockout running or just ended); when the
        table is still full, the oldest. A lockout's doubling is remembered for max_lockout after it ends."""
        if len(self._records) < self._max_keys:
            return
        quiet = [key for key, r in self._records.items() if r.quiet_since(now, self._window, self._max_lockout)]
        for key in quiet:
            del self._records[key]
        while len(self._records) >= self._max_keys:
            del self._records[min(self._records, key=lambda k: self._records[k].last_failure)]


class _Record:
    def __init__(self):
        self.failures = deque()
        self.locked_until = 0.0
        self.lockouts = 0
        self.last_failure = 0.0

    def fail(self, now, limit, window, lockout, max_lockout):
        if self.lockouts and now - self.locked_until > max_lockout:
            self.lockouts = 0  # long quiet after the last lockout: start again at the first length
        self.last_failure = now
        self.failures.append(now)
        while self.failures and self.failures[0] <= now - window:
            self.failures.popleft()
        if len(self.failures) >= limit:
            self.lockouts += 1
            self.locked_until = now + min(lockout * 2 ** (self.lockouts - 1), max_lockout)
            self.failures.clear()

    def quiet_since(self, now, window, max_lockout):
        return now - self.last_failure > window and now - self.locked_until > max_lockout


def _name_key(name):
    return (name or "")[:_NAME_KEY_LENGTH]


def client_address(forwarded_for, peer):
    """The address a sign-in came from, as the hub's own front proxy saw it.

    That proxy adds the address it was reached from at the end of X-Forwarded-For: configurable-http-proxy over
    plain HTTP; under HTTPS Caddy (the proxy then runs with --no-x-forward and passes Caddy's header on). So the last
    entry is the client's; entries before it were written by the client and are ignored, as is X-Real-Ip (which
    Tornado's request.remote_ip would believe). A request without the header did not come through the proxy (someone
    on the VM itself): its own peer address counts. IPv6 addresses count per /64, the block one home or phone
    network gets. An entry that is no address at all counts as one shared "invalid" address.
    """
    hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
    raw = hops[-1] if hops else peer
    try:
        ip = ipaddress.ip_address(raw)
    except ValueError:
        return "invalid"
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def wait_words(seconds):
    """'45 seconds', '2 minutes', '1 hour 5 minutes': how long a refused sign-in must wait, rounded up."""
    seconds = max(1, int(-(-seconds // 1)))
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours, rest = divmod(minutes, 60)
    return f"{hours} hour{'s' if hours != 1 else ''}" + (f" {rest} minute{'s' if rest != 1 else ''}" if rest else "")
