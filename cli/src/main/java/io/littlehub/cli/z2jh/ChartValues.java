package io.littlehub.cli.z2jh;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hub's config translated to the Zero to JupyterHub chart's values (pure: config in, values tree out). Every leaf
 * key of the effective config (the file over littlehub's defaults) is claimed by one rule here: it maps to chart
 * values, or it has no equivalent and is listed with why. A key no rule claims (a key newer than this export) is
 * listed too: nothing is dropped silently. Checked against the chart's schema and its own hub config loader
 * ({@code ChartValuesTest}, {@code ChartHubConfigTest}).
 */
public final class ChartValues {
    /** The chart's single-user uid and gid (singleuser.uid, singleuser.fsGid defaults): homes are mapped to them. */
    public static final int CHART_UID = 1000;

    public static final int CHART_GID = 100;
    /** The name of the claim the shared data ({@code /srv/data}) is mounted from, read-only. */
    public static final String DATA_CLAIM = "littlehub-data";
    /** littlehub's user-name rule, kept on the cluster (the hub's {@code username_pattern}). */
    static final String USERNAME_PATTERN = "^[a-z0-9][a-z0-9._@-]{0,63}\\Z";

    private static final String LETS_ENCRYPT_STAGING = "https://acme-staging-v02.api.letsencrypt.org/directory";
    /** Keys whose value is a map of user names: one leaf each, not one per user. */
    private static final Set<String> MAP_LEAVES = Set.of("users.emails", "limits.users");
    /** The hub.extraConfig entry carrying limits.users. */
    static final String USER_LIMITS_HOOK = "littlehub-user-limits";

    /** What the export knows besides the config: the image, and the secrets the teacher asked to carry (or null). */
    public record Inputs(String hubName, String imageName, String imageTag, String cookieSecret, String proxyToken) {}

    /** A key that maps: to which chart values. */
    public record Mapped(String key, String chartKeys) {}

    /** A key with no equivalent on the chart, its value, why, and whether the config file sets it. */
    public record Unmapped(String key, Object value, String why, boolean written) {}

    /**
     * @param values values.yaml
     * @param secretValues secret-values.yaml (secrets only)
     * @param changes what works differently on the cluster, in words
     */
    public record Translation(
            Map<String, Object> values,
            Map<String, Object> secretValues,
            List<Mapped> mapped,
            List<String> changes,
            List<Unmapped> unmapped) {}

    private final Map<String, Object> leaves;
    private final Set<String> written;
    private final Set<String> claimed = new LinkedHashSet<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Object> secrets = new LinkedHashMap<>();
    private final List<Mapped> mapped = new ArrayList<>();
    private final List<String> changes = new ArrayList<>();
    private final List<Unmapped> unmapped = new ArrayList<>();

    private ChartValues(Map<String, Object> effective, Map<String, Object> file) {
        this.leaves = leaves(effective);
        this.written = leaves(file).keySet();
    }

    /**
     * @param effective the config over the defaults ({@code HubConfig.load})
     * @param file the config file as written (to tell the teacher's keys from defaults)
     */
    public static Translation translate(Map<String, Object> effective, Map<String, Object> file, Inputs in) {
        ChartValues t = new ChartValues(effective, file == null ? Map.of() : file);
        t.users();
        t.auth();
        t.limits();
        t.environment(in);
        t.culler();
        t.https(in);
        t.secretsCarried(in);
        t.noEquivalents();
        return new Translation(t.values, t.secrets, t.mapped, t.changes, t.unmapped);
    }

    private void users() {
        List<String> admins = strings("users.admin");
        put("hub.config.Authenticator.admin_users", admins);
        put("hub.config.Authenticator.allowed_users", strings("users.allowed"));
        put("hub.config.Authenticator.blocked_users", strings("users.banned"));
        // The config, not the hub's database, decides who may sign in (as on the VM).
        put("hub.config.Authenticator.allow_existing_users", false);
        put("hub.config.Authenticator.username_pattern", USERNAME_PATTERN);
        map("users.admin", "hub.config.Authenticator.admin_users");
        map("users.allowed", "hub.config.Authenticator.allowed_users");
        map("users.banned", "hub.config.Authenticator.blocked_users");
        put("hub.baseUrl", text("base_url"));
        map("base_url", "hub.baseUrl");
    }

    private void auth() {
        String type = text("auth.type");
        boolean open = Boolean.TRUE.equals(leaves.get("users.open_signup"));
        boolean roster = !strings("users.allowed").isEmpty();
        String section;
        boolean allowAll;
        switch (type) {
            case "firstuse" -> {
                section = "FirstUseAuthenticator";
                authenticator("firstuseauthenticator.FirstUseAuthenticator");
                copy("auth.min_password_length", section, "min_password_length");
                allowAll = open;
                changes.add(
                        "FirstUse passwords are not carried: they are bcrypt hashes in a dbm file written by the VM's"
                                + " Python, which the chart's hub image may not read. Students choose a new password at their first"
                                + " sign-in; the roster still decides who may. Admins choose theirs at first sign-in too (on the VM"
                                + " the teacher set them).");
            }
            case "shared-password" -> {
                section = "SharedPasswordAuthenticator";
                authenticator("shared-password");
                secret("auth.user_password", section, "user_password");
                secret("auth.admin_password", section, "admin_password");
                allowAll = open;
            }
            case "native" -> {
                section = "NativeAuthenticator";
                authenticator("native");
                put("hub.config.NativeAuthenticator.open_signup", open);
                copy("auth.minimum_password_length", section, "minimum_password_length");
                copy("auth.check_common_password", section, "check_common_password");
                copy("auth.ask_email_on_signup", section, "ask_email_on_signup");
                allowAll = true;
                changes.add(
                        "NativeAuthenticator's accounts live in the hub's database, which is not carried: people sign"
                                + " up again (and wait for an admin's approval unless users.open_signup). Its pages"
                                + " need its templates: add nativeauthenticator's templates folder to"
                                + " hub.config.JupyterHub.template_paths (in hub.extraConfig), as its documentation says.");
            }
            case "github", "google", "generic" -> {
                section = switch (type) {
                    case "github" -> "GitHubOAuthenticator";
                    case "google" -> "GoogleOAuthenticator";
                    default -> "GenericOAuthenticator";
                };
                authenticator(type);
                copy("auth.client_id", section, "client_id");
                secret("auth.client_secret", section, "client_secret");
                copy("auth.oauth_callback_url", section, "oauth_callback_url");
                copy("auth.allowed_organizations", section, "allowed_organizations");
                copy("auth.hosted_domain", section, "hosted_domain");
                for (String key : List.of("authorize_url", "token_url", "userdata_url", "username_claim", "scope")) {
                    copy("auth." + key, section, key);
                }
                allowAll = switch (type) {
                    case "github" -> false;
                    case "google" -> !strings("auth.hosted_domain").isEmpty() && !roster;
                    default -> !roster;
                };
                changes.add("Register the cluster's callback address with the OAuth provider (auth.oauth_callback_url"
                        + " is carried as it is: change it if the hub's address changes).");
            }
            case "ldap" -> {
                section = "LDAPAuthenticator";
                authenticator("ldapauthenticator.LDAPAuthenticator");
                for (String key : List.of(
                        "server_address",
                        "server_port",
                        "tls_strategy",
                        "bind_dn_template",
                        "lookup_dn",
                        "user_search_base",
                        "user_attribute",
                        "lookup_dn_search_user",
                        "allowed_groups")) {
                    copy("auth." + key, section, key);
                }
                secret("auth.lookup_dn_search_password", section, "lookup_dn_search_password");
                put("hub.config.LDAPAuthenticator.valid_username_regex", USERNAME_PATTERN);
                allowAll = !roster && strings("auth.allowed_groups").isEmpty();
            }
            default -> throw new IllegalArgumentException("auth.type " + type + " is not one littlehub knows");
        }
        put("hub.config.Authenticator.allow_all", allowAll);
        map("auth.type", "hub.config.JupyterHub.authenticator_class");
        map(
                "users.open_signup",
                "hub.config.Authenticator.allow_all"
                        + (type.equals("native") ? ", hub.config.NativeAuthenticator.open_signup" : ""));
        changes.add(
                "Sign-in throttling (auth.throttle) is littlehub's own: the chart's hub has none. Put a rate limit in"
                        + " front of the hub (the ingress controller's) if sign-ins by password face the internet.");
    }

    private void authenticator(String cls) {
        put("hub.config.JupyterHub.authenticator_class", cls);
    }

    private void limits() {
        Object memory = leaves.get("limits.memory");
        if (memory != null && !memory.toString().isEmpty()) {
            put("singleuser.memory.limit", memory.toString());
            put("singleuser.memory.guarantee", third(memory.toString()));
            map("limits.memory", "singleuser.memory.limit, singleuser.memory.guarantee (a third of it)");
        } else {
            put("singleuser.memory.limit", null);
            map("limits.memory", "singleuser.memory.limit (none)");
        }
        Object cpu = leaves.get("limits.cpu");
        if (cpu != null) {
            BigDecimal cores = new BigDecimal(cpu.toString());
            put("singleuser.cpu.limit", cores.doubleValue());
            put("singleuser.cpu.guarantee", cpuGuarantee(cores));
            map("limits.cpu", "singleuser.cpu.limit, singleuser.cpu.guarantee (a third of it)");
        } else {
            put("singleuser.cpu.limit", null);
            map("limits.cpu", "singleuser.cpu.limit (none)");
        }
        changes.add(
                "A guarantee reserves memory and CPU on a node for each running server; the VM reserved none. The"
                        + " export asks for a third of each limit, littlehub's own estimate of what a class's server uses"
                        + " (limits.active_servers auto counts the same): raise it for heavy work, lower it to pack more servers per node.");
        for (String key : List.of("spawns_at_once", "active_servers")) {
            Object v = leaves.get("limits." + key);
            if (v instanceof Number n) {
                String chartKey = key.equals("spawns_at_once") ? "hub.concurrentSpawnLimit" : "hub.activeServerLimit";
                put(chartKey, n.intValue());
                map("limits." + key, chartKey);
            } else {
                none(
                        "limits." + key,
                        "auto is counted from the VM's cores and memory; a cluster has no such size (the"
                                + " chart's own defaults apply: 64 starting at once, no limit on running servers)");
            }
        }
        disk();
        Object byUser = leaves.get("limits.users");
        if (byUser instanceof Map<?, ?> m && !m.isEmpty()) {
            put("hub.extraConfig." + USER_LIMITS_HOOK, userLimitsHook(m));
            map(
                    "limits.users",
                    "hub.extraConfig." + USER_LIMITS_HOOK + " (a KubeSpawner pre-spawn hook: the chart's values have no"
                            + " per-user limits, and profiles are offered to everyone)");
            userLimitsNotCarried(m);
        } else {
            map("limits.users", "nothing: no user has limits of their own");
        }
        none("limits.tasks", "a pod's process limit is the kubelet's podPidsLimit, set by the cluster's administrator");
        none("limits.hub_cpu_weight", "the hub runs in its own pod: give it hub.resources.requests.cpu instead");
    }

    /**
     * What limits.users says that the hook cannot carry, listed per user as keys with no equivalent: a user's tasks,
     * and a user's disk without a limit (a claim must have a size).
     */
    private void userLimitsNotCarried(Map<?, ?> byUser) {
        boolean inFile = written.contains("limits.users");
        byUser.forEach((name, own) -> {
            if (!(own instanceof Map<?, ?> o)) {
                return;
            }
            String key = "limits.users." + name;
            if (o.get("tasks") != null) {
                unmapped.add(new Unmapped(
                        key + ".tasks",
                        o.get("tasks"),
                        "a pod's process limit is the kubelet's podPidsLimit, one for every pod",
                        inFile));
            }
            if (o.containsKey("disk")
                    && (o.get("disk") == null || o.get("disk").toString().isEmpty())) {
                unmapped.add(new Unmapped(
                        key + ".disk",
                        o.get("disk"),
                        "no limit, which a claim cannot have: theirs gets singleuser.storage.capacity like everyone's"
                                + " (or the chart's " + RestoreJob.CAPACITY
                                + "); make it bigger by editing their claim",
                        inFile));
            }
        });
    }

    /**
     * limits.disk: the size of each student's claim (their home's volume). No limit on the VM leaves the chart's default
     * claim size, as a claim must have one.
     */
    private void disk() {
        Object disk = leaves.get("limits.disk");
        if (disk == null || disk.toString().isEmpty()) {
            map(
                    "limits.disk",
                    "nothing: no limit on the VM; each claim gets the chart's default size (" + RestoreJob.CAPACITY
                            + ")");
            return;
        }
        put("singleuser.storage.capacity", quantity(disk));
        map("limits.disk", "singleuser.storage.capacity (" + quantity(disk) + ", each student's own claim)");
        changes.add(
                "limits.disk becomes the size of each student's volume (singleuser.storage.capacity), not a quota"
                        + " on one shared disk: a full home fails with \"No space left on device\" instead of \"Disk quota"
                        + " exceeded\", and only where the cluster's storage class keeps volumes to their size (block storage"
                        + " does; hostPath and many NFS classes do not). A claim gets its size when it is made (a carried"
                        + " home's by export homes' restore Job, a new student's at their first start): changing the size later"
                        + " does not resize existing claims (kubectl edit each claim, where the storage class allows expansion).");
    }

    /**
     * The size of a student's claim as the chart's hub makes it from the export: their own limits.users disk, else
     * limits.disk, else the chart's default (for export homes' restore Job, whose claims KubeSpawner then uses).
     */
    public static String claimSize(Map<String, Object> effective, String hubUser) {
        Map<String, Object> leaves = leaves(effective);
        if (leaves.get("limits.users") instanceof Map<?, ?> users
                && users.get(hubUser) instanceof Map<?, ?> own
                && own.get("disk") != null
                && !own.get("disk").toString().isEmpty()) {
            return quantity(own.get("disk"));
        }
        Object disk = leaves.get("limits.disk");
        return disk == null || disk.toString().isEmpty() ? RestoreJob.CAPACITY : quantity(disk);
    }

    /**
     * A littlehub size as a Kubernetes quantity: K, M, G, T are powers of 1024 on the VM (as for setquota), so Ki, Mi,
     * Gi, Ti ("2G" is "2Gi", not Kubernetes' 2G = 2 x 10^9 bytes); a plain number is bytes.
     */
    static String quantity(Object size) {
        String text = size.toString();
        return "KMGT".indexOf(text.charAt(text.length() - 1)) < 0 ? text : text + "i";
    }

    /**
     * limits.users as Python for the chart's hub.extraConfig (run by its jupyterhub_config.py): a pre-spawn hook that
     * gives each named user their own limits, with the same third as guarantee as everyone's. Names and sizes are
     * written as JSON, which Python reads as the same literals (the schema allows only plain names and sizes).
     */
    private static String userLimitsHook(Map<?, ?> byUser) {
        StringBuilder table = new StringBuilder("{");
        for (Map.Entry<?, ?> e : byUser.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> own)) {
                continue;
            }
            List<String> traits = new ArrayList<>();
            if (own.get("memory") != null) {
                String memory = own.get("memory").toString();
                traits.add("\"mem_limit\": " + quoted(memory));
                traits.add("\"mem_guarantee\": " + quoted(third(memory)));
            }
            if (own.get("cpu") != null) {
                BigDecimal cores = new BigDecimal(own.get("cpu").toString());
                traits.add("\"cpu_limit\": " + cores.doubleValue());
                traits.add("\"cpu_guarantee\": " + cpuGuarantee(cores));
            }
            if (own.get("disk") != null && !own.get("disk").toString().isEmpty()) {
                traits.add("\"storage_capacity\": " + quoted(quantity(own.get("disk"))));
            }
            if (table.length() > 1) {
                table.append(", ");
            }
            table.append(quoted(e.getKey().toString()))
                    .append(": {")
                    .append(String.join(", ", traits))
                    .append("}");
        }
        table.append("}");
        return "# littlehub's limits.users: these users' own limits (and a third of each as guarantee).\n"
                + "littlehub_user_limits = " + table + "\n"
                + "\n"
                + "def littlehub_apply_user_limits(spawner):\n"
                + "    for trait, value in littlehub_user_limits.get(spawner.user.name, {}).items():\n"
                + "        setattr(spawner, trait, value)\n"
                + "\n"
                + "c.KubeSpawner.pre_spawn_hook = littlehub_apply_user_limits\n";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static double cpuGuarantee(BigDecimal cores) {
        return cores.divide(BigDecimal.valueOf(3), 2, RoundingMode.DOWN)
                .max(new BigDecimal("0.01"))
                .doubleValue();
    }

    private void environment(Inputs in) {
        put("singleuser.image.name", in.imageName());
        put("singleuser.image.tag", in.imageTag());
        String app = text("user_environment.default_app");
        put("singleuser.defaultUrl", app.equals("notebook") ? "/tree" : "/lab");
        map("user_environment.default_app", "singleuser.defaultUrl");
        // /srv/data keeps its path, so the ~/data links inside the carried homes still point at it.
        put(
                "singleuser.storage.extraVolumes",
                List.of(Map.of(
                        "name",
                        DATA_CLAIM,
                        "persistentVolumeClaim",
                        Map.of("claimName", DATA_CLAIM, "readOnly", true))));
        put(
                "singleuser.storage.extraVolumeMounts",
                List.of(new LinkedHashMap<>(Map.of("name", DATA_CLAIM, "mountPath", "/srv/data", "readOnly", true))));
        changes.add("The course material (/srv/data) comes from the claim " + DATA_CLAIM + ", mounted read-only at"
                + " /srv/data (the ~/data links in the homes keep working). Create it with ReadOnlyMany or ReadWriteMany"
                + " access and copy the files in; admins no longer write it from their own server.");
        changes.add(
                "Every user runs as the chart's single user jovyan (uid " + CHART_UID + ", gid " + CHART_GID + ") in"
                        + " their own pod, with their home on their own volume (claim-<name>) at /home/jovyan, not as a unix"
                        + " user jupyter-<name>; admins get no sudo.");
        map("user_environment.jupyterlab_news", "image/ (page_config.json)");
        map("user_environment.disabled_server_extensions", "image/ (jupyter_server_config.json)");
        none(
                "user_environment.shared_scratch",
                "a folder everyone writes needs a ReadWriteMany volume the cluster may"
                        + " not offer: add one in singleuser.storage.extraVolumes if it does");
        none(
                "course.name",
                "the chart's sign-in page has no course name (hub.templateVars with your own template can show one)");
        none(
                "auth.login_hint",
                "the chart's sign-in page has no hint (hub.templateVars with your own template can show one)");
        none("users.emails", "the hub keeps no e-mail addresses; keep the roster CSV");
    }

    private void culler() {
        put("cull.enabled", leaves.get("services.cull.enabled"));
        put("cull.timeout", leaves.get("services.cull.timeout"));
        put("cull.every", leaves.get("services.cull.every"));
        put("cull.maxAge", leaves.get("services.cull.max_age"));
        // The VM's culler stops admins' servers too and never deletes users: the chart's defaults say the same.
        put("cull.users", false);
        put("cull.adminUsers", true);
        map("services.cull.enabled", "cull.enabled");
        map("services.cull.timeout", "cull.timeout");
        map("services.cull.every", "cull.every");
        map("services.cull.max_age", "cull.maxAge");
    }

    private void https(Inputs in) {
        boolean on = Boolean.TRUE.equals(leaves.get("https.enabled"));
        map("https.enabled", "proxy.https.enabled");
        put("proxy.https.enabled", on);
        if (!on) {
            for (String key : List.copyOf(leaves.keySet())) {
                if (key.startsWith("https.")) {
                    map(key, "nothing: HTTPS is off on the hub");
                }
            }
            return;
        }
        put("proxy.https.hosts", strings("https.domains"));
        map("https.domains", "proxy.https.hosts");
        String cert = text("https.tls.cert");
        if (!cert.isEmpty()) {
            String secretName = tlsSecretName(in.hubName());
            put("proxy.https.type", "secret");
            put("proxy.https.secret.name", secretName);
            map("https.tls.cert", "proxy.https.secret (" + secretName + ", tls.crt)");
            map("https.tls.key", "proxy.https.secret (" + secretName + ", tls.key)");
            for (String key : List.of(
                    "https.letsencrypt.email",
                    "https.letsencrypt.staging",
                    "https.acme.directory",
                    "https.acme.ca_root")) {
                map(key, "nothing: the school's certificate is used, not ACME");
            }
        } else {
            put("proxy.https.type", "letsencrypt");
            put("proxy.https.letsencrypt.contactEmail", text("https.letsencrypt.email"));
            map("https.letsencrypt.email", "proxy.https.letsencrypt.contactEmail");
            String directory = text("https.acme.directory");
            boolean staging = Boolean.TRUE.equals(leaves.get("https.letsencrypt.staging"));
            if (!directory.isEmpty() || staging) {
                put("proxy.https.letsencrypt.acmeServer", directory.isEmpty() ? LETS_ENCRYPT_STAGING : directory);
            }
            map("https.acme.directory", "proxy.https.letsencrypt.acmeServer");
            map("https.letsencrypt.staging", "proxy.https.letsencrypt.acmeServer");
            none("https.acme.ca_root", "the chart's ACME client trusts the system's authorities only");
            map("https.tls.cert", "nothing: certificates come from ACME");
            map("https.tls.key", "nothing: certificates come from ACME");
        }
        none("https.port", "the chart's proxy service answers HTTPS on 443 (proxy.service.extraPorts adds others)");
        none("https.hsts.enabled", "HSTS is the ingress's or the chart's traefik's (proxy.traefik.hsts) to send");
        none("https.hsts.max_age", "see https.hsts.enabled");
        none("https.address_name", "the cluster's load balancer has its own address: point your domain at it");
        none("https.public_address", "see https.address_name");
    }

    /** The Kubernetes TLS secret holding the school's certificate (the teacher creates it from the VM's files). */
    public static String tlsSecretName(String hubName) {
        return slug(hubName) + "-tls";
    }

    /** The hub's name as a Kubernetes name part: lowercase letters, digits and '-'. */
    public static String slug(String hubName) {
        String slug = hubName.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        return slug.isEmpty() ? "littlehub" : slug;
    }

    private void secretsCarried(Inputs in) {
        if (in.cookieSecret() != null) {
            putIn(secrets, "hub.cookieSecret", in.cookieSecret());
        }
        if (in.proxyToken() != null) {
            putIn(secrets, "proxy.secretToken", in.proxyToken());
        }
    }

    /** The keys with no equivalent that no rule above claimed: the VM's own machinery, and keys this export does not know. */
    private void noEquivalents() {
        none("http.address", "the chart's proxy service (proxy.service) decides where the hub listens");
        none("http.port", "see http.address");
        none("backup.schedule", "back up the cluster's volumes with its own snapshots (VolumeSnapshot or the cloud's)");
        none("backup.keep", "see backup.schedule");
        none(
                "class.schedule",
                "the warm class start is littlehub's own; pre-pull the image (prePuller) so starts stay quick");
        none("class.timezone", "see class.schedule");
        none(
                "course.nbgrader.enabled",
                "nbgrader on the chart needs a shared exchange volume (ReadWriteMany) and its own set-up:"
                        + " follow nbgrader's JupyterHub guide; collect every assignment before the move");
        none("course.id", "see course.nbgrader.enabled");
        none("course.instructors", "see course.nbgrader.enabled (and hub.loadRoles for the formgrader)");
        none(
                "users.groups",
                "every pod runs as one user, so unix groups do not carry: share a team's folder through a"
                        + " ReadWriteMany volume in singleuser.storage.extraVolumes");
        none("users.rehearsal", "a rehearsal's temporary students are littlehub's own: none should be left");
        for (String key : List.of(
                "auth.throttle.enabled",
                "auth.throttle.failures_per_name",
                "auth.throttle.failures_per_address",
                "auth.throttle.window_seconds",
                "auth.throttle.lockout_seconds",
                "auth.throttle.max_lockout_seconds")) {
            none(key, "littlehub's sign-in throttling has no counterpart on the chart's hub");
        }
        for (Map.Entry<String, Object> e : leaves.entrySet()) {
            if (!claimed.contains(e.getKey())) {
                unmapped.add(new Unmapped(
                        e.getKey(),
                        e.getValue(),
                        "this littlehub's export does not know the key: carry it by hand",
                        written.contains(e.getKey())));
            }
        }
    }

    private void none(String key, String why) {
        if (leaves.containsKey(key) && claimed.add(key)) {
            unmapped.add(new Unmapped(key, leaves.get(key), why, written.contains(key)));
        }
    }

    private void map(String key, String chartKeys) {
        if (leaves.containsKey(key) && claimed.add(key)) {
            mapped.add(new Mapped(key, chartKeys));
        }
    }

    /** {@code auth.KEY} when set, to hub.config.SECTION.trait. */
    private void copy(String key, String section, String trait) {
        if (leaves.containsKey(key)) {
            put("hub.config." + section + "." + trait, leaves.get(key));
            map(key, "hub.config." + section + "." + trait);
        }
    }

    /** A secret, when set: into secret-values.yaml only. */
    private void secret(String key, String section, String trait) {
        if (leaves.containsKey(key)) {
            putIn(secrets, "hub.config." + section + "." + trait, leaves.get(key));
            map(key, "hub.config." + section + "." + trait + " (secret-values.yaml)");
        }
    }

    private void put(String path, Object value) {
        putIn(values, path, value);
    }

    @SuppressWarnings("unchecked")
    private static void putIn(Map<String, Object> tree, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
        }
        node.put(parts[parts.length - 1], value);
    }

    private String text(String key) {
        Object v = leaves.get(key);
        return v == null ? "" : v.toString();
    }

    private List<String> strings(String key) {
        return leaves.get(key) instanceof List<?> l
                ? l.stream().map(Object::toString).toList()
                : List.of();
    }

    /**
     * A third of a size as KubeSpawner reads it (K, M, G, T are powers of 1024), in whole megabytes: "1G" is "341M".
     */
    static String third(String size) {
        char unit = size.charAt(size.length() - 1);
        int power = "KMGT".indexOf(unit);
        BigDecimal bytes = power < 0
                ? new BigDecimal(size)
                : new BigDecimal(size.substring(0, size.length() - 1))
                        .multiply(BigDecimal.valueOf(1L << (10 * (power + 1))));
        long mega =
                bytes.divide(BigDecimal.valueOf(3L << 20), 0, RoundingMode.DOWN).longValue();
        return Math.max(mega, 1) + "M";
    }

    /** Path → value for every leaf: scalars and lists, and the maps of user names as one leaf each. */
    static Map<String, Object> leaves(Map<String, Object> tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        collect("", tree, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String prefix, Map<String, Object> tree, Map<String, Object> out) {
        tree.forEach((k, v) -> {
            String path = prefix + k;
            if (v instanceof Map<?, ?> m && !MAP_LEAVES.contains(path)) {
                collect(path + ".", (Map<String, Object>) m, out);
            } else {
                out.put(path, v);
            }
        });
    }
}
