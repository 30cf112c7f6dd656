<#--
  jupyterhub_config.py for the littlehub hub (JupyterHub + SystemdSpawner + the configured authenticator + idle culler).
  Rendered by the provisioner into its release's folder (/opt/littlehub/releases/<version>/jupyterhub_config.py,
  root:root 0600); jupyterhub.service reads it as ${hub.config_file}, through the current release's link.

  Data model (every key required unless marked optional):
    hub.venv          string  "/opt/littlehub/current/hub"  the hub's venv (jupyterhub, systemdspawner, firstuse, idle-culler)
    hub.port          number  8081                      the hub listens on 127.0.0.1:<hub.port>
    user.venv         string  "/opt/littlehub/user"     the users' venv (jupyterhub-singleuser, jupyterlab, ipykernel, ...)
    state.dir         string  "/opt/littlehub/state"    root 0700: sqlite db, cookie secret, FirstUse password db
    proxy.api_port    number  8001                      configurable-http-proxy's API on 127.0.0.1:<proxy.api_port>
    http.address      string  ""                        public bind address of the proxy; "" = all interfaces
    http.port         number  80                        public port of the proxy
    allowed           list of strings  ["ada"]          users.allowed and users.rehearsal (only whether it is empty matters
                                                        here: the names are in roster.file)
    roster.file       string  "/opt/littlehub/state/roster.json"  users.allowed (+ users.rehearsal), users.admin, users.banned, read at
                                                        start and again at a sign-in after it changed (littlehub_roster)
    admins_group      string  "littlehub-admins"        unix group of the admins (may sudo)
    auth              map     {"type": "firstuse", "throttle": {...}}   the config's auth section: type (optional,
                                                        default firstuse), throttle (enabled, failures_per_name,
                                                        failures_per_address, window_seconds, lockout_seconds,
                                                        max_lockout_seconds), and that type's settings (the schema)
    open_signup       boolean false                     users.open_signup: anyone may create an account
    login             map     {"course": "Data 101", "hint": "First time here? ...", "min_password_length": 7}
                                                        the sign-in page's words (LoginGuidance); "" = none
    paths.release     string  "/opt/littlehub/releases/1.2.3"   this release's folder: littlehub_signin*.py and
                                                        templates/login.html are there
    base_url          string  "/"                       the hub's path prefix, starts and ends with /
    limits.memory     string  "1G"   (optional; "" or missing = no limit)   per-user MemoryMax, K/M/G/T suffixes
    limits.cpu        number  1      (optional; missing = no limit)         per-user CPUQuota, 1 = one core
    limits.tasks      number  512                                           per-user TasksMax (processes + threads)
    limits.spawns_at_once  "auto" or number  "auto"   concurrent_spawn_limit; auto = 5 per core (littlehub_class_limits)
    limits.active_servers  "auto" or number  "auto"   active_server_limit; auto from memory and limits.memory, 0 = none
    limits_by_user    map name -> {memory, cpu, tasks (each optional)}     effective limits of the users in
                                                        limits.users (a key is missing when there is no limit)
    cull.enabled      boolean true                      run jupyterhub-idle-culler as a hub-managed service
    cull.timeout      number  600                       seconds of inactivity before a server is stopped
    cull.every        number  60                        seconds between culler checks
    cull.max_age      number  0      (optional)         seconds after which a server is stopped even if busy; 0 = never
    activity_interval number  60                        seconds between a server's activity reports (<= cull.every)
    shared.data       string  "/srv/data"               linked as ~/data into every home
    shared.scratch    string  "/srv/scratch"            linked as ~/scratch when shared.scratch_enabled
    shared.scratch_enabled boolean false
    agent.service     string  "littlehub-agent"         hub service name of the agent (REST API client)
    agent.token_file  string  "/opt/littlehub/state/agent-api-token"   its API token (root 0600), read at hub start
    default_url       string  "/lab"                    "/lab" (JupyterLab) or "/tree" (Notebook 7)
    extra_config_dir  string  "/etc/littlehub/jupyterhub_config.d"    *.py here are loaded last, sorted by name
    https.enabled     boolean false                     behind the HTTPS front: cookies are Secure

  Escaping: every string goes into Python through ${x?c} under c_format "Java" (set below). That yields a
  double-quoted literal whose escapes (\" \\ \n \t \uXXXX ...) all mean the same in Python. Do NOT use ?json_string,
  ?js_string or ?c with the JSON/JavaScript c_format: they write "</" as "<\/", which Python keeps as a backslash.
  Numbers always go through ?c (plain "${n}" prints locale grouping such as 8,081). Booleans never go through ?c
  (that prints true/false, not Python): use <#if>. Secrets (client_secret, passwords) are written here too: the file
  is root 0600.
-->
<#setting c_format="Java">
<#macro pylist xs>[<#list xs as x>${x?c}<#sep>, </#list>]</#macro>
<#assign type = auth.type!"firstuse">
# Generated by littlehub. Do not edit: the next `littlehub` run overwrites this file.
# Local additions go to ${extra_config_dir} (*.py, loaded last, in name order).
import asyncio
import glob
import grp
import hashlib
import os
import pwd
import re
import sys

from systemdspawner import SystemdSpawner
from traitlets.utils.importstring import import_item

# littlehub_signin.py and littlehub_signin_throttle.py: the provision playbook puts them beside this file.
sys.path.insert(0, ${paths.release?c})
from littlehub_signin import FirstUseSignIn, guarded, native_sign_in  # noqa: E402
from littlehub_roster import live_roster, read_roster  # noqa: E402
from littlehub_capacity import refusal_now  # noqa: E402

c = get_config()  # noqa: F821 (provided by traitlets)

STATE_DIR = ${state.dir?c}
USER_VENV = ${user.venv?c}
ADMINS_GROUP = ${admins_group?c}
# Hub user names: lowercase ASCII letters, digits, ".", "_", "@" and "-", starting with a letter or digit, at most 64
# (the schema's $defs.username says the same). \Z, not $: Python's $ also matches before a final newline.
USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._@-]{0,63}\Z"
UNIX_USER_PREFIX = "jupyter-"


def littlehub_unix_name(name):
    """The unix user of hub user NAME. The agent computes the same (io.littlehub.agent.students.UnixNames)."""
    if re.fullmatch(r"[a-z0-9_-]{1,23}", name):
        return "jupyter-" + name
    return "jupyter-" + re.sub(r"[^a-z0-9_-]", "-", name)[:16] + "-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:7]


# The roster is not written here, so that a roster change leaves this file alone and needs no hub restart.
ROSTER_FILE = ${roster.file?c}
ALLOWED, ADMINS, BANNED = read_roster(ROSTER_FILE)

# --- hub and proxy: the proxy is littlehub-proxy.service, so routes survive hub restarts -------------------------
# The hub's base_url is the path of bind_url (setting both makes JupyterHub warn).
c.JupyterHub.bind_url = ${("http://" + (http.address!"") + ":" + http.port?c + base_url)?c}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = ${hub.port?c}
c.ConfigurableHTTPProxy.should_start = False
c.ConfigurableHTTPProxy.api_url = ${("http://127.0.0.1:" + proxy.api_port?c)?c}
# The API token comes from CONFIGPROXY_AUTH_TOKEN (EnvironmentFile of both units).
c.JupyterHub.cleanup_servers = False
# A restart (an upgrade, a config change) checks every running server before the hub listens: with a class running
# that is seconds of the hub's unavailability. After 1 s the checks go on in the background (JupyterHub shows such a
# server as pending its check); students' own traffic goes through the proxy to their servers meanwhile.
c.JupyterHub.init_spawners_timeout = 1
c.JupyterHub.cookie_secret_file = os.path.join(STATE_DIR, "jupyterhub_cookie_secret")
_db_file = os.path.join(STATE_DIR, "jupyterhub.sqlite")
c.JupyterHub.db_url = "sqlite:///" + _db_file
# The database holds every user's tokens: root's alone. New files are 0600 (UMask in jupyterhub.service) and sqlite
# gives its -journal the database's mode; this fixes a database made before that.
if os.path.exists(_db_file):
    os.chmod(_db_file, 0o600)
# Cookies (the hub's, _xsrf, and the user servers', which get these through the spawner) are not sent with requests
# that other sites start, except top-level links: SameSite=Lax. Behind HTTPS they are Secure too, whatever the
# proxy chain says about the request's scheme.
c.JupyterHub.tornado_settings.update({"cookie_options": {"samesite": "Lax"<#if https.enabled>, "secure": True</#if>}})

# --- the sign-in page: JupyterHub's own, with the course's name and how signing in works here ------------------
# templates/login.html extends JupyterHub's page; JupyterHub escapes these values (they show as text).
LOGIN_TEMPLATES = os.path.join(${paths.release?c}, "templates")
c.JupyterHub.template_paths = [LOGIN_TEMPLATES]
c.JupyterHub.template_vars = {"littlehub_course": ${login.course?c}, "littlehub_login_hint": ${login.hint?c}}

# --- authentication: ${type} ----------------------------------------------------------------------------------------
c.Authenticator.username_pattern = USERNAME_PATTERN
c.Authenticator.admin_users = set(ADMINS)
c.Authenticator.blocked_users = set(BANNED)
# The config's roster is the source of truth: a user still in the hub's database but no longer listed gets no access.
c.Authenticator.allow_existing_users = False
# Admins are always allowed; the listed users are created in the hub's database (its user list) at start.
c.Authenticator.allowed_users = set(ALLOWED)
# Throttling of failed sign-ins (littlehub_signin.SignInGuard: every password sign-in type below uses it).
c.SignInGuard.throttle = <#if auth.throttle.enabled>True<#else>False</#if>
c.SignInGuard.failures_per_name = ${auth.throttle.failures_per_name?c}
c.SignInGuard.failures_per_address = ${auth.throttle.failures_per_address?c}
c.SignInGuard.window_seconds = ${auth.throttle.window_seconds?c}
c.SignInGuard.lockout_seconds = ${auth.throttle.lockout_seconds?c}
c.SignInGuard.max_lockout_seconds = ${auth.throttle.max_lockout_seconds?c}
<#if type == "firstuse">
# FirstUse, but a password is stored only for a name on the roster (or anyone's with users.open_signup), never for
# an admin's (the teacher sets those), and bcrypt runs in a thread pool.
c.JupyterHub.authenticator_class = FirstUseSignIn
c.FirstUseAuthenticator.dbm_path = os.path.join(STATE_DIR, "passwords.dbm")
c.FirstUseAuthenticator.min_password_length = ${login.min_password_length?c}
<#if open_signup>
# users.open_signup: anyone may pick a new name (and a password at first sign-in).
c.FirstUseSignIn.open_signup = True
c.Authenticator.allow_all = True
<#else>
# Only the roster (users.allowed and users.admin) may sign in; nobody else's password is ever stored.
c.FirstUseSignIn.open_signup = False
c.Authenticator.allow_all = False
</#if>
<#elseif type == "shared-password">
# JupyterHub's own SharedPasswordAuthenticator (throttled): admins sign in with admin_password only.
from jupyterhub.authenticators.shared import SharedPasswordAuthenticator  # noqa: E402

c.JupyterHub.authenticator_class = guarded(SharedPasswordAuthenticator)
c.SharedPasswordAuthenticator.user_password = ${auth.user_password?c}
<#if auth.admin_password??>
c.SharedPasswordAuthenticator.admin_password = ${auth.admin_password?c}
</#if>
<#if open_signup>
c.Authenticator.allow_all = True  # users.open_signup: any name, with the password
<#else>
c.Authenticator.allow_all = False  # only the roster
</#if>
<#elseif type == "native">
import nativeauthenticator  # noqa: E402

# NativeAuthenticator (throttled) admits people itself: a sign-up waits for an admin's approval at /hub/authorize
# (unless users.open_signup), users.allowed and admins are approved at sign-up. JupyterHub must then let every
# approved user in.
c.JupyterHub.authenticator_class = native_sign_in()
# Its own sign-in page (native-login.html), sign-up and approval pages; the course's name is not shown there.
c.JupyterHub.template_paths = [
    LOGIN_TEMPLATES, os.path.join(os.path.dirname(nativeauthenticator.__file__), "templates")]
c.NativeAuthenticator.open_signup = <#if open_signup>True<#else>False</#if>
c.NativeAuthenticator.minimum_password_length = ${(auth.minimum_password_length!8)?c}
c.NativeAuthenticator.check_common_password = <#if auth.check_common_password!true>True<#else>False</#if>
c.NativeAuthenticator.ask_email_on_signup = <#if auth.ask_email_on_signup!false>True<#else>False</#if>
c.Authenticator.allow_all = True
<#elseif type == "github">
c.JupyterHub.authenticator_class = "oauthenticator.github.GitHubOAuthenticator"
c.GitHubOAuthenticator.client_id = ${auth.client_id?c}
c.GitHubOAuthenticator.client_secret = ${auth.client_secret?c}
c.GitHubOAuthenticator.oauth_callback_url = ${auth.oauth_callback_url?c}
c.GitHubOAuthenticator.allowed_organizations = set(<@pylist (auth.allowed_organizations![])/>)
# Never every GitHub account: only users.allowed, admins and members of allowed_organizations.
c.Authenticator.allow_all = False
<#elseif type == "google">
c.JupyterHub.authenticator_class = "oauthenticator.google.GoogleOAuthenticator"
c.GoogleOAuthenticator.client_id = ${auth.client_id?c}
c.GoogleOAuthenticator.client_secret = ${auth.client_secret?c}
c.GoogleOAuthenticator.oauth_callback_url = ${auth.oauth_callback_url?c}
c.GoogleOAuthenticator.hosted_domain = <@pylist (auth.hosted_domain![])/>
<#if (auth.hosted_domain![])?has_content && !allowed?has_content>
# hosted_domain only refuses other domains (oauthenticator 17); with no roster, every account of the domain may sign in.
c.Authenticator.allow_all = True
<#else>
# Only users.allowed and admins (and, with hosted_domain, only from those domains).
c.Authenticator.allow_all = False
</#if>
<#elseif type == "generic">
c.JupyterHub.authenticator_class = "oauthenticator.generic.GenericOAuthenticator"
c.GenericOAuthenticator.client_id = ${auth.client_id?c}
c.GenericOAuthenticator.client_secret = ${auth.client_secret?c}
c.GenericOAuthenticator.oauth_callback_url = ${auth.oauth_callback_url?c}
c.GenericOAuthenticator.authorize_url = ${auth.authorize_url?c}
c.GenericOAuthenticator.token_url = ${auth.token_url?c}
c.GenericOAuthenticator.userdata_url = ${auth.userdata_url?c}
c.GenericOAuthenticator.username_claim = ${(auth.username_claim!"preferred_username")?c}
c.GenericOAuthenticator.scope = <@pylist (auth.scope!["openid", "profile"])/>
# The provider is the school's own: with no roster, everyone it signs in may use the hub.
c.Authenticator.allow_all = <#if allowed?has_content>False<#else>True</#if>
<#elseif type == "ldap">
c.JupyterHub.authenticator_class = "ldapauthenticator.LDAPAuthenticator"
c.LDAPAuthenticator.server_address = ${auth.server_address?c}
<#if auth.server_port??>
c.LDAPAuthenticator.server_port = ${auth.server_port?c}
</#if>
c.LDAPAuthenticator.tls_strategy = ${(auth.tls_strategy!"before_bind")?c}
<#if auth.bind_dn_template??>
c.LDAPAuthenticator.bind_dn_template = <#if auth.bind_dn_template?is_sequence><@pylist auth.bind_dn_template/><#else>${auth.bind_dn_template?c}</#if>
</#if>
<#if auth.lookup_dn!false>
c.LDAPAuthenticator.lookup_dn = True
</#if>
<#list ["user_search_base", "user_attribute", "lookup_dn_search_user", "lookup_dn_search_password"] as key>
<#if auth[key]??>
c.LDAPAuthenticator.${key} = ${auth[key]?c}
</#if>
</#list>
c.LDAPAuthenticator.allowed_groups = <@pylist (auth.allowed_groups![])/>
c.LDAPAuthenticator.valid_username_regex = USERNAME_PATTERN
c.Authenticator.allow_all = <#if allowed?has_content || (auth.allowed_groups![])?has_content>False<#else>True</#if>
</#if>
# Roster changes reach the running hub at the next sign-in, without a restart (littlehub_roster).
c.JupyterHub.authenticator_class = live_roster(import_item(c.JupyterHub.authenticator_class)
                                               if isinstance(c.JupyterHub.authenticator_class, str)
                                               else c.JupyterHub.authenticator_class, ROSTER_FILE)


# --- spawner: one transient systemd unit per user ----------------------------------------------------------------
class LittlehubSpawner(SystemdSpawner):
    """SystemdSpawner with {USERNAME} = the unix name without its "jupyter-" prefix (littlehub_unix_name), so unit
    and unix user names stay short and valid for every hub user name (ada.lovelace@school.org, 64 characters...)."""

    def _expand_user_vars(self, string):
        return string.format(USERNAME=littlehub_unix_name(self.user.name)[len(UNIX_USER_PREFIX):], USERID=self.user.id)


c.JupyterHub.spawner_class = LittlehubSpawner
# Every server in one slice below system.slice, whose CPU weight (100) all of them share: against the hub's and the
# proxy's (limits.hub_cpu_weight) the whole class counts as one unit. Each server a unit of its own in system.slice
# (100 each), ten busy kernels outweighed the hub: at a warm class start the later sign-ins' bcrypt shared the cores
# with the kernels of the students already in (py-spy and top, one run: the hub fell from 1.3 to 0.5-0.9 cores while
# their kernels rose to 0.6-1.2).
c.SystemdSpawner.slice = "system-students.slice"
c.SystemdSpawner.cmd = [os.path.join(USER_VENV, "bin", "jupyterhub-singleuser")]
# JupyterHub >= 5 passes no PATH/LANG to user servers (Spawner.env_keep is only JUPYTERHUB_SINGLEUSER_APP), and
# SystemdSpawner then falls back to os.defpath ("/bin:/usr/bin"). Give a normal PATH; extra_paths puts the users'
# venv first, so `python`, `pip` and `jupyter` in a terminal are the users' environment.
# JUPYTERHUB_ACTIVITY_INTERVAL: how often a server tells the hub it was used; the culler must hear it more often
# than it checks (the default is 300 s).
c.Spawner.environment = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "JUPYTERHUB_ACTIVITY_INTERVAL": str(${activity_interval?c})}
c.JupyterHub.last_activity_interval = ${activity_interval?c}
c.SystemdSpawner.extra_paths = [os.path.join(USER_VENV, "bin")]
# Hub user "ada" runs as unix user "jupyter-ada" in unit "jupyter-ada-singleuser" (see littlehub_unix_name).
c.SystemdSpawner.username_template = "jupyter-{USERNAME}"
c.SystemdSpawner.unit_name_template = "jupyter-{USERNAME}-singleuser"
c.SystemdSpawner.default_shell = "/bin/bash"
# Kernels talk to their server over Unix sockets beside their connection files, in the user's own runtime folder
# (~/.local/share/jupyter/runtime, 0700 in a 0700 home), not on 127.0.0.1 TCP ports any local user may connect to.
# A command-line option, so no config file of the user's can turn it back.
c.Spawner.args = ["--KernelManager.transport=ipc"]
# A Unix socket's path holds at most 107 bytes, and a kernel's is <runtime folder>/kernel-<36-character id>-ipc-N:
# under the default ~/.local/share/jupyter/runtime a long name's home (/home/jupyter-<16>-<7 hex>) leaves too little
# room, and its kernels could not start. ~/.jupyter-run keeps the longest such path at 100 bytes, still in the home.
c.Spawner.environment["JUPYTER_RUNTIME_DIR"] = lambda spawner: os.path.join(
    pwd.getpwnam(littlehub_unix_name(spawner.user.name)).pw_dir, ".jupyter-run")
# Every server (docs/SECURITY.md): its own /tmp; only its own processes in /proc (root's sudo sees all);
# its System V / POSIX IPC objects removed when it stops. Over its memory limit the kernel's biggest process (the
# offending kernel) is killed and the server keeps running: the student sees "kernel died", not a vanished server.
c.SystemdSpawner.isolate_tmp = True
# When the whole VM runs out of memory the kernel kills a server's process first (OOMScoreAdjust 500), not the hub,
# the proxy, sshd or the agent (-900: littlehub-proxy.service, jupyterhub.service, ssh's drop-in, the agent itself).
SERVER_PROPERTIES = {"OOMPolicy": "continue", "ProtectProc": "invisible", "RemoveIPC": "yes", "OOMScoreAdjust": "500"}
# A student's server also: no sudo (NoNewPrivileges) and no set-uid files; its own /dev (isolate_devices: no
# devices), its own /dev/shm (PrivateDevices alone binds the VM's), its own System V / POSIX IPC namespace; the system
# read-only but for its home, /tmp and the shared scratch if any (readwrite_paths);
# /home, /root and /run/user an empty tmpfs with only its own home bound in: other homes do not exist there.
# An admin's server is their shell on the VM (sudo apt, sudo littlehub-agent): a read-only system would only break
# that, and sudo could leave any sandbox (sudo systemd-run), so admins get none of these.
STUDENT_PROPERTIES = {
    "TemporaryFileSystem": "/dev/shm:mode=1777,nosuid,nodev",
    "PrivateIPC": "yes",
    "ProtectSystem": "strict",
    "ProtectHome": "tmpfs",
    "BindPaths": "/home/jupyter-{USERNAME}",
    "RestrictSUIDSGID": "yes",
}
STUDENT_WRITABLE = [<#if shared.scratch_enabled>${shared.scratch?c}</#if>]
<#if teaching.nbgrader>
# nbgrader: every student hands in through the exchange (nbgrader keeps each course's inbound unlistable).
STUDENT_WRITABLE.append(${teaching.exchange?c})
</#if>
# /run read-only too, said again: with ProtectProc=invisible, systemd 252 left /run and /run/lock (1777) writable
# under ProtectSystem=strict (measured on the Debian 12 test VM). The unit's own RuntimeDirectory stays writable.
STUDENT_READ_ONLY = ["/run"]
c.SystemdSpawner.unit_extra_properties = dict(SERVER_PROPERTIES)
# No sudo from a server (NoNewPrivileges); the pre-spawn hook lifts it for admins only.
c.SystemdSpawner.disable_user_sudo = True
c.Spawner.default_url = ${default_url?c}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 60
<#if limits.memory?? && limits.memory?has_content>
c.SystemdSpawner.mem_limit = ${limits.memory?c}
</#if>
<#if limits.cpu??>
c.SystemdSpawner.cpu_limit = float(${limits.cpu?c})
</#if>
TASKS_LIMIT = ${limits.tasks?c}


# --- class start: how many servers start at once, and run at once ------------------------------------------------
# Past either limit JupyterHub answers at once "Too many users trying to log in right now. Try again in N seconds"
# (HTTP 429) instead of letting every start slow down until the class times out.
SIZE_UNITS = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
# The system, the hub and the proxy keep this much of the VM's memory.
SYSTEM_RESERVE_BYTES = 1 << 30


def littlehub_size_bytes(size):
    """Bytes of a limits.memory value: 512M, 1.5G, or a whole number of bytes; None or "" = no limit (None)."""
    if size is None or size == "":
        return None
    text = str(size)
    if text[-1] in SIZE_UNITS:
        return int(float(text[:-1]) * SIZE_UNITS[text[-1]])
    return int(text)


def littlehub_class_limits(cores, memory_bytes, spawns_at_once, active_servers, server_memory):
    """(concurrent_spawn_limit, active_server_limit) for a VM of CORES and MEMORY_BYTES. A server's start is about
    1.5 s of one core's CPU: 5 per core at once keep each start within seconds. A class's servers use a fraction of
    their memory limit (190 MB each measured at a 1G limit): as many run as would fit using a third of it each."""
    spawns = max(1, 5 * cores) if spawns_at_once == "auto" else int(spawns_at_once)
    if active_servers != "auto":
        return spawns, int(active_servers)
    limit = littlehub_size_bytes(server_memory)
    if not limit:
        return spawns, 0
    return spawns, max(1, (memory_bytes - SYSTEM_RESERVE_BYTES) * 3 // limit)


def _littlehub_memory_bytes():
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no MemTotal in /proc/meminfo")


c.JupyterHub.concurrent_spawn_limit, c.JupyterHub.active_server_limit = littlehub_class_limits(
    os.cpu_count() or 1, _littlehub_memory_bytes(), ${limits.spawns_at_once?c}, ${limits.active_servers?c},
    <#if limits.memory?? && limits.memory?has_content>${limits.memory?c}<#else>None</#if>)
# The "try again in" of a refused start: a start takes seconds here, so seconds, not JupyterHub's 30-60 s. Set through
# tornado_settings: JupyterHub (6.1) does not read c.JupyterHub.spawn_throttle_retry_range ("not recognized").
c.JupyterHub.tornado_settings.update({"spawn_throttle_retry_range": (5, 15)})

# Shared folders linked into every home at each start: ~/data (course material), ~/scratch when enabled.
SHARED_LINKS = {"data": ${shared.data?c}<#if shared.scratch_enabled>, "scratch": ${shared.scratch?c}</#if>}
# limits.users: these users' limits replace the defaults above (None = no limit).
LIMITS_BY_USER = {
<#list limits_by_user as name, l>
    ${name?c}: {"mem_limit": <#if l.memory??>${l.memory?c}<#else>None</#if>, "cpu_limit": <#if l.cpu??>float(${l.cpu?c})<#else>None</#if>, "tasks": ${(l.tasks!limits.tasks)?c}},
</#list>
}
# limits.disk in KiB (0 = no limit; limits.users' disk instead for some): the user's quota on the homes'
# filesystem, set by the pre-spawn hook at each start, so a new unix user has it before their server writes a byte
# (the provision playbook sets it for the users that exist whenever it changes). On btrfs, which limits subvolumes, not
# users, a new home is made a subvolume and its quota group gets the limit.
DISK_QUOTA_KIB = ${disk_quota.default_kib?c}
DISK_QUOTA_KIB_BY_USER = {<#list disk_quota.hub_users as u, kib>${u?c}: ${kib?c}<#sep>, </#list>}


def littlehub_mount(path):
    """The mount point holding path and its filesystem's type: the kernel's longest mount point above it (the last one
    mounted there wins). setquota wants the filesystem's mount point, not a folder below it; and not os.path.ismount's
    walk up: a btrfs subvolume has a device of its own, so it looks like a mount point."""
    path, best, fstype = os.path.realpath(path), "", ""
    with open("/proc/self/mounts") as mounts:
        for line in mounts:
            fields = line.split()
            if len(fields) > 2 and (path + "/").startswith(fields[1].rstrip("/") + "/") and len(fields[1]) >= len(best):
                best, fstype = fields[1], fields[2]
    return best or "/", fstype


async def _littlehub_limit_disk(unix_name, home, kib):
    """The user's limits.disk: a user quota, or on btrfs the quota group of their home if it is a subvolume (inode
    256 is a subvolume's root; the group of a plain folder is the one of every home around it, so none is set)."""
    mount_point, fstype = littlehub_mount(home)
    if fstype != "btrfs":
        await _littlehub_run("setquota", "-u", unix_name, str(kib), str(kib), "0", "0", mount_point)
    elif os.stat(home).st_ino == 256:
        await _littlehub_run("btrfs", "qgroup", "limit", f"{kib}K", home)


def littlehub_unit_properties(admin, tasks, memory_limited):
    """A server's unit properties: every server's, a student's sandbox, its TasksMax (a fork bomb's fork fails with
    EAGAIN there, inside its own unit) and, under a memory limit, no swap: swap would let a server hold more than its
    limit (and slow the whole VM), so the limit is memory plus swap."""
    properties = dict(SERVER_PROPERTIES, TasksMax=str(tasks))
    if not admin:
        properties.update(STUDENT_PROPERTIES)
    if memory_limited:
        properties["MemorySwapMax"] = "0"
    return properties


async def _littlehub_run(*argv):
    """Run a program (an argument list, never a shell) and fail with its output."""
    proc = await asyncio.create_subprocess_exec(*argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out, _ = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[0]} {' '.join(argv[1:])} failed ({proc.returncode}): {out.decode(errors='replace').strip()}")


async def _littlehub_pre_spawn(spawner):
    """Before each start: the unix user (created at first start, private home 0700), its membership of the admins
    group (admins may sudo; a change applies at the user's next start), the user's own limits, and the student's
    sandbox (an admin's server has none)."""
    name = spawner.user.name
    if not re.fullmatch(USERNAME_PATTERN, name):
        raise ValueError(f"user name {name!r} is not allowed on this hub")
    # No room for another server: the student reads why at once, instead of a start that times out.
    no_room = refusal_now()
    if no_room:
        spawner.log.warning("littlehub: refused to start %s's server: %s", name, no_room)
        raise RuntimeError(no_room)
    unix_name = littlehub_unix_name(name)
    admin = bool(spawner.user.admin)
    disk_kib = DISK_QUOTA_KIB_BY_USER.get(name, DISK_QUOTA_KIB)
    try:
        home = pwd.getpwnam(unix_name).pw_dir
    except KeyError:
        home = os.path.join("/home", unix_name)
        groups = ["--groups", ADMINS_GROUP] if admin else []
        subvolume = ["--btrfs-subvolume-home"] if disk_kib and littlehub_mount("/home")[1] == "btrfs" else []
        await _littlehub_run("useradd", "--create-home", "--home-dir", home, "--shell", "/bin/bash", "--user-group",
                             *subvolume, *groups, unix_name)
        os.chmod(home, 0o700)
        spawner.log.info("littlehub: created unix user %s with home %s", unix_name, home)
    if disk_kib:
        await _littlehub_limit_disk(unix_name, home, disk_kib)
    try:
        members = grp.getgrnam(ADMINS_GROUP).gr_mem
    except KeyError:
        spawner.log.warning("littlehub: group %s is missing; admins get no sudo", ADMINS_GROUP)
        members = None
    if members is not None and admin and unix_name not in members:
        await _littlehub_run("gpasswd", "-a", unix_name, ADMINS_GROUP)
    elif members is not None and not admin and unix_name in members:
        await _littlehub_run("gpasswd", "-d", unix_name, ADMINS_GROUP)
    spawner.disable_user_sudo = not admin
    tasks = TASKS_LIMIT
    if name in LIMITS_BY_USER:
        spawner.mem_limit = LIMITS_BY_USER[name]["mem_limit"]
        spawner.cpu_limit = LIMITS_BY_USER[name]["cpu_limit"]
        tasks = LIMITS_BY_USER[name]["tasks"]
    spawner.isolate_devices = not admin
    spawner.readwrite_paths = [] if admin else list(STUDENT_WRITABLE)
    spawner.readonly_paths = [] if admin else list(STUDENT_READ_ONLY)
    spawner.unit_extra_properties = littlehub_unit_properties(admin, tasks, bool(spawner.mem_limit))
    for link, target in SHARED_LINKS.items():
        _littlehub_link(unix_name, link, target)
    await _littlehub_member_groups(spawner, name, unix_name, admin)


# users.groups and the course's instructors: unix groups whose membership follows the config at each start (a
# running server keeps the groups it started with), each with an optional folder only its members read and write,
# linked into their homes. Unix group -> members (hub names), folder ("" = none), link below the home.
MEMBER_GROUPS = {
<#list teaching.groups as g>
    ${g.unix_group?c}: {"members": set(<@pylist g.members/>), "folder": ${g.folder?c}, "link": ${g.link?c}},
</#list>
}
MEMBER_GROUP_PREFIXES = (${teaching.instructors_group?c}, "littlehub-group-")
INSTRUCTORS_GROUP = ${teaching.instructors_group?c}
INSTRUCTOR_CONFIG = ${teaching.instructor_config?c}


async def _littlehub_member_groups(spawner, name, unix_name, admin):
    """Joins the user to their groups and leaves the others (of littlehub's own, even of groups no longer in the
    config), links their folders, and gives instructors nbgrader's instructor config."""
    for group in grp.getgrall():
        if not group.gr_name.startswith(MEMBER_GROUP_PREFIXES):
            continue
        wanted = group.gr_name in MEMBER_GROUPS and name in MEMBER_GROUPS[group.gr_name]["members"]
        if wanted and unix_name not in group.gr_mem:
            await _littlehub_run("gpasswd", "-a", unix_name, group.gr_name)
        elif not wanted and unix_name in group.gr_mem:
            await _littlehub_run("gpasswd", "-d", unix_name, group.gr_name)
            spawner.log.info("littlehub: %s left %s (from this start on)", unix_name, group.gr_name)
    # A copy: the configured environment is one dict shared by every spawner.
    environment = {k: v for k, v in spawner.environment.items() if k != "JUPYTER_CONFIG_PATH"}
    for group_name, group in MEMBER_GROUPS.items():
        if name not in group["members"]:
            continue
        if group["folder"]:
            _littlehub_link(unix_name, group["link"], group["folder"])
            if not admin:
                spawner.readwrite_paths.append(group["folder"])
        if group_name == INSTRUCTORS_GROUP:
            environment["JUPYTER_CONFIG_PATH"] = INSTRUCTOR_CONFIG
    spawner.environment = environment


def _littlehub_link(unix_name, link, target):
    """~/<link> -> target in the user's home, owned by the user; anything already there under that name is theirs."""
    entry = pwd.getpwnam(unix_name)
    path = os.path.join(entry.pw_dir, link)
    parent = os.path.dirname(path)
    if not os.path.lexists(parent):
        os.mkdir(parent, 0o755)
        os.chown(parent, entry.pw_uid, entry.pw_gid)
    if not os.path.lexists(path):
        os.symlink(target, path)
        os.lchown(path, entry.pw_uid, entry.pw_gid)


c.Spawner.pre_spawn_hook = _littlehub_pre_spawn

# --- services: the agent's REST API access, the idle culler ------------------------------------------------------
with open(${agent.token_file?c}) as _token_file:
    _agent_token = _token_file.read().strip()
# "admin": JupyterHub lets only an admin (its admin flag, not a role) take admin rights away (remove-admin); the
# token is root's alone on the VM, and root can do anything there anyway. (JupyterHub logs it as deprecated.)
_services = [{"name": ${agent.service?c}, "api_token": _agent_token, "admin": True}]
_roles = [
    {
        "name": "littlehub-agent",
        "description": "The littlehub agent: manage users and their servers",
        "scopes": ["list:users", "read:users", "read:users:activity", "admin:users", "admin:servers", "read:servers"],
        "services": [${agent.service?c}],
    }
]
<#if cull.enabled>
_services.append(
    {
        "name": "idle-culler",
        "command": [
            ${(hub.venv + "/bin/python")?c}, "-m", "jupyterhub_idle_culler",
            "--timeout=${cull.timeout?c}", "--cull-every=${cull.every?c}",<#if (cull.max_age!0) gt 0> "--max-age=${cull.max_age?c}",</#if>
        ],
    }
)
_roles.append(
    {
        "name": "littlehub-idle-culler",
        "description": "Stop idle user servers",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
)
<#else>
# idle culling is off
</#if>
c.JupyterHub.services = _services
c.JupyterHub.load_roles = _roles

# --- local additions ---------------------------------------------------------------------------------------------
for _extra in sorted(glob.glob(os.path.join(${extra_config_dir?c}, "*.py"))):
    load_subconfig(_extra)  # noqa: F821 (provided by traitlets)
