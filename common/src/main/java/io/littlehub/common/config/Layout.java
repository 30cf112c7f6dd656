package io.littlehub.common.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where littlehub keeps things on the VM: the one place these paths are written down (see docs/ARCHITECTURE.md). */
public final class Layout {
    public static final String CONFIG_DIR = "/etc/littlehub";
    public static final String CONFIG_FILE = CONFIG_DIR + "/config.yaml";
    public static final String ROOT = "/opt/littlehub";
    /** Where the laptop pushes its agent: the one that provisions and upgrades (it may be newer than the hub's). */
    public static final String AGENT_JAR = ROOT + "/agent/littlehub-agent.jar";
    /** One folder per installed littlehub release: its hub venv, its rendered jupyterhub_config.py, its agent. */
    public static final String RELEASES_DIR = ROOT + "/releases";
    /** Symlink to the release the hub runs ({@code releases/<version>}), switched atomically by an upgrade. */
    public static final String CURRENT = ROOT + "/current";
    /** Symlink to the release before the current one: where {@code rollback} returns. */
    public static final String PREVIOUS = ROOT + "/previous";
    /** The hub's own agent (the current release's): every command but provision and upgrade runs it. */
    public static final String CURRENT_AGENT_JAR = CURRENT + "/littlehub-agent.jar";
    /** Admins on the VM type {@code sudo littlehub-agent …}: it runs {@link #CURRENT_AGENT_JAR}. */
    public static final String AGENT_COMMAND = "/usr/local/sbin/littlehub-agent";

    public static final String HUB_VENV = CURRENT + "/hub";
    public static final String USER_VENV = ROOT + "/user";
    public static final String PROXY_PREFIX = ROOT + "/proxy";
    /** The installers littlehub brings (uv, npm from the npm registry), apart from what they install. */
    public static final String TOOLS_DIR = ROOT + "/tools";
    /** Downloads (wheels, npm tarballs) kept on the VM, so a re-install or an upgrade does not fetch them again. */
    public static final String DOWNLOAD_CACHE = "/var/cache/littlehub";

    public static final String STATE_DIR = ROOT + "/state";
    public static final String HUB_CONFIG_FILE = CURRENT + "/jupyterhub_config.py";
    /** What jupyterhub.service runs: JupyterHub's own command, ending its process once JupyterHub has stopped. */
    public static final String HUB_LAUNCHER = CURRENT + "/littlehub_hub.py";

    public static final String EXTRA_CONFIG_DIR = CONFIG_DIR + "/jupyterhub_config.d";
    public static final String PROXY_ENV = STATE_DIR + "/proxy.env";
    /** users.allowed, users.admin, users.banned for the running hub (littlehub_roster.py), made from the config. */
    public static final String ROSTER_FILE = STATE_DIR + "/roster.json";
    /** sshd's drop-in: the OOM killer leaves the teacher's way in alone. */
    public static final String SSH_OOM_DROP_IN = "/etc/systemd/system/ssh.service.d/littlehub-oom.conf";

    public static final String PROXY_USER = "littlehub-proxy";
    public static final String ADMINS_GROUP = "littlehub-admins";
    /** The agent's token for the hub's REST API (students, admins); the hub reads it as service {@link #AGENT_SERVICE}. */
    public static final String AGENT_API_TOKEN = STATE_DIR + "/agent-api-token";

    public static final String AGENT_SERVICE = "littlehub-agent";
    /** FirstUseAuthenticator's password database (a dbm base name: the files beside it carry extensions). */
    public static final String FIRSTUSE_PASSWORDS = STATE_DIR + "/passwords.dbm";
    /** Lets the admins' group use sudo (admins install packages for everyone); students are never in it. */
    public static final String ADMINS_SUDOERS = "/etc/sudoers.d/littlehub-admins";
    /** Tarballs of removed students' homes ({@code remove-student --archive}). */
    public static final String ARCHIVE_DIR = "/var/lib/littlehub/archive";
    /** The users' environment's record: {@code NNNN.txt} (its pip freeze) + {@code NNNN.meta} (when, who, what) per change. */
    public static final String USER_ENV_HISTORY = "/var/lib/littlehub/user-env";
    /** Hub user "ada" runs as unix user "jupyter-ada" (longer or unusual names: see StudentNames). */
    public static final String UNIX_USER_PREFIX = "jupyter-";
    /** Course material: readable by every user, writable by admins; linked as ~/data in each home. */
    public static final String SHARED_DATA = "/srv/data";
    /** Optional (user_environment.shared_scratch): everyone writes, only owners delete (sticky); linked as ~/scratch. */
    public static final String SHARED_SCRATCH = "/srv/scratch";
    /** The hub's SQLite database (a backup takes a consistent copy with sqlite3's .backup, never a file copy). */
    public static final String HUB_DB = STATE_DIR + "/jupyterhub.sqlite";

    public static final String COOKIE_SECRET = STATE_DIR + "/jupyterhub_cookie_secret";
    /** The applied configs ({@code ConfigHistory}). */
    public static final String CONFIG_HISTORY = "/var/lib/littlehub/config-history";
    /** Where a restore unpacks an archive before moving it into place, and keeps what it replaced (root 0700). */
    public static final String RESTORE_DIR = "/var/lib/littlehub/restore";
    /** The hub state (database, config) copied before each upgrade, one folder per upgrade (root 0700). */
    public static final String UPGRADE_BACKUPS = "/var/lib/littlehub/upgrades";

    public static final int HUB_PORT = 8081;
    public static final int PROXY_API_PORT = 8001;
    /** With HTTPS on, the proxy listens here on 127.0.0.1 only, behind the HTTPS front, which holds the public ports. */
    public static final int PROXY_BEHIND_HTTPS_PORT = 8000;
    /** The HTTPS front (Caddy): its unit, its config, and where it keeps ACME accounts and certificates (user caddy). */
    public static final String HTTPS_UNIT = "littlehub-https.service";

    public static final String CADDYFILE = CONFIG_DIR + "/Caddyfile";
    public static final String HTTPS_STATE = "/var/lib/littlehub/https";
    /** The Debian/Ubuntu package's own units, masked so that it never takes the hub's ports. */
    public static final List<String> CADDY_PACKAGE_UNITS = List.of("caddy.service", "caddy-api.service");
    /** Scheduled backups (backup.schedule): one archive per run, the newest backup.keep kept (root 0700, files 0600). */
    public static final String SCHEDULED_BACKUPS = "/var/backups/littlehub";
    /** Seals the scheduled archives' secrets; generated once on the VM (root 0600): admins copy it somewhere safe. */
    public static final String BACKUP_PASSPHRASE = CONFIG_DIR + "/backup-passphrase";
    /** The oneshot unit that writes one scheduled archive, and the timer that starts it. */
    public static final String BACKUP_SERVICE = "littlehub-backup.service";

    public static final String BACKUP_TIMER = "littlehub-backup.timer";
    /**
     * The cloud metadata addresses (AWS, GCP, Azure, OpenStack: 169.254.169.254; AWS over IPv6: fd00:ec2::254), which
     * hand out the VM's credentials on some clouds: people's accounts may not reach them (an nftables table, loaded
     * from {@link #ISOLATION_RULES} by {@link #ISOLATION_UNIT}).
     */
    public static final List<String> METADATA_IPV4 = List.of("169.254.169.254");

    public static final List<String> METADATA_IPV6 = List.of("fd00:ec2::254");
    public static final String ISOLATION_RULES = CONFIG_DIR + "/isolation.nft";
    public static final String ISOLATION_UNIT = "littlehub-isolation.service";
    public static final String ISOLATION_TABLE = "littlehub_isolation";
    /** Debian's and Ubuntu's first uid of a person's account (login.defs UID_MIN); below are root and services. */
    public static final int FIRST_PERSON_UID = 1000;

    private Layout() {}

    /** The folder of release {@code version} (its hub venv {@code hub/}, {@code jupyterhub_config.py}, {@code littlehub-agent.jar}). */
    public static String releaseDir(String version) {
        return RELEASES_DIR + "/" + version;
    }

    /** The paths as the playbooks and templates see them ({@code paths.hub_venv} and so on). */
    public static Map<String, Object> paths(String version) {
        Map<String, Object> p = new LinkedHashMap<>();
        // The release this agent installs: built beside the running one, then made current by one rename.
        p.put("release", releaseDir(version));
        p.put("release_hub_venv", releaseDir(version) + "/hub");
        p.put("release_config_file", releaseDir(version) + "/jupyterhub_config.py");
        p.put("root", ROOT);
        p.put("config_dir", CONFIG_DIR);
        p.put("config_file", CONFIG_FILE);
        p.put("hub_venv", HUB_VENV);
        p.put("user_venv", USER_VENV);
        p.put("proxy", PROXY_PREFIX);
        p.put("tools", TOOLS_DIR);
        p.put("download_cache", DOWNLOAD_CACHE);
        p.put("state", STATE_DIR);
        p.put("roster_file", ROSTER_FILE);
        p.put("ssh_oom_drop_in", SSH_OOM_DROP_IN);
        p.put("hub_config_file", HUB_CONFIG_FILE);
        p.put("extra_config", EXTRA_CONFIG_DIR);
        p.put("proxy_env", PROXY_ENV);
        p.put("proxy_user", PROXY_USER);
        p.put("admins_group", ADMINS_GROUP);
        p.put("agent_jar", AGENT_JAR);
        p.put("releases", RELEASES_DIR);
        p.put("current", CURRENT);
        p.put("current_agent_jar", CURRENT_AGENT_JAR);
        p.put("agent_command", AGENT_COMMAND);
        p.put("agent_api_token", AGENT_API_TOKEN);
        p.put("agent_service", AGENT_SERVICE);
        p.put("firstuse_passwords", FIRSTUSE_PASSWORDS);
        p.put("admins_sudoers", ADMINS_SUDOERS);
        p.put("unix_user_prefix", UNIX_USER_PREFIX);
        p.put("shared_data", SHARED_DATA);
        p.put("shared_scratch", SHARED_SCRATCH);
        p.put("scheduled_backups", SCHEDULED_BACKUPS);
        p.put("backup_passphrase", BACKUP_PASSPHRASE);
        p.put("backup_service", BACKUP_SERVICE);
        p.put("backup_timer", BACKUP_TIMER);
        p.put("https_unit", HTTPS_UNIT);
        p.put("caddyfile", CADDYFILE);
        p.put("https_state", HTTPS_STATE);
        p.put("caddy_package_units", CADDY_PACKAGE_UNITS);
        p.put("metadata_ipv4", METADATA_IPV4);
        p.put("metadata_ipv6", METADATA_IPV6);
        p.put("isolation_rules", ISOLATION_RULES);
        p.put("isolation_unit", ISOLATION_UNIT);
        p.put("isolation_table", ISOLATION_TABLE);
        p.put("first_person_uid", FIRST_PERSON_UID);
        return p;
    }
}
