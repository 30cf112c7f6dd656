package io.littlehub.agent;

import io.littlehub.agent.config.HubHealth;
import io.littlehub.agent.course.Teaching;
import io.littlehub.agent.warm.ClassSchedule;
import io.littlehub.agent.warm.MemoryBudget;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.Facts;
import io.littlehub.common.config.Layout;
import io.littlehub.common.students.UnixNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What playbooks and templates see. Playbooks use {@code config}, {@code versions}, {@code paths} and {@code os};
 * templates use the names their header comments document ({@code hub}, {@code user}, {@code state}, {@code proxy},
 * {@code http}, {@code https}, {@code proxy_listen}, {@code admins}, {@code allowed} (users.allowed and
 * users.rehearsal), {@code banned}, {@code auth},
 * {@code open_signup}, {@code login} ({@link LoginGuidance}), {@code limits}, {@code cull},
 * {@code base_url}, {@code default_url}, {@code agent}, {@code admins_group}, {@code extra_config_dir}), derived here
 * from the config and {@link Layout}. Playbooks also get {@code admin_unix_users}: the admins' unix users, by the
 * rule the hub config applies ({@link UnixNames}), {@code health_url} (the proxy's, {@link HubHealth#url}), {@code http_front_url} ({@link HubHealth#publicHttpUrl})
 * and {@code hold_https}.
 * Both get {@code teaching} (nbgrader's course and {@code users.groups}, {@link Teaching}).
 */
public final class Model {
    private Model() {}

    public static Map<String, Object> build(Map<String, Object> config, Facts facts) {
        return build(config, facts, false);
    }

    /**
     * {@code holdHttps}: the playbook leaves the HTTPS front stopped ({@code hold_https}), for a restore that brings
     * its ACME account and certificates afterwards.
     */
    public static Map<String, Object> build(Map<String, Object> config, Facts facts, boolean holdHttps) {
        Map<String, Object> m = build(config, facts, versions());
        m.put("hold_https", holdHttps);
        return m;
    }

    static Map<String, Object> build(Map<String, Object> config, Facts facts, Map<String, Object> versions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config);
        m.put("versions", versions);
        m.put("paths", Layout.paths(BuildInfo.version()));
        m.put("os", Map.of("id", facts.osId(), "version", facts.osVersion()));
        m.put(
                "hub",
                Map.of(
                        "venv",
                        Layout.HUB_VENV,
                        "config_file",
                        Layout.HUB_CONFIG_FILE,
                        "launcher",
                        Layout.HUB_LAUNCHER,
                        "port",
                        Layout.HUB_PORT));
        m.put("user", Map.of("venv", Layout.USER_VENV));
        m.put("state", Map.of("dir", Layout.STATE_DIR));
        m.put("roster", Map.of("file", Layout.ROSTER_FILE));
        m.put(
                "proxy",
                Map.of(
                        "prefix",
                        Layout.PROXY_PREFIX,
                        "user",
                        Layout.PROXY_USER,
                        "api_port",
                        Layout.PROXY_API_PORT,
                        "env_file",
                        Layout.PROXY_ENV));
        m.put("http", section(config, "http"));
        m.put("https", section(config, "https"));
        HubHealth.Listen listen = HubHealth.proxyListen(config);
        m.put("proxy_listen", Map.of("address", listen.address(), "port", listen.port()));
        m.put("health_url", HubHealth.url(config));
        m.put("http_front_url", HubHealth.publicHttpUrl(config));
        m.put("admins", list(section(config, "users"), "admin"));
        // A rehearsal's temporary students are let in like the roster while it runs (users.rehearsal).
        List<String> allowed = new ArrayList<>(list(section(config, "users"), "allowed"));
        allowed.addAll(list(section(config, "users"), "rehearsal"));
        m.put("allowed", allowed);
        m.put("banned", list(section(config, "users"), "banned"));
        m.put(
                "admin_unix_users",
                list(section(config, "users"), "admin").stream()
                        .map(UnixNames::unixName)
                        .toList());
        m.put("auth", section(config, "auth"));
        m.put("open_signup", Boolean.TRUE.equals(section(config, "users").get("open_signup")));
        m.put(
                "login",
                LoginGuidance.model(
                        section(config, "course"),
                        section(config, "auth"),
                        Boolean.TRUE.equals(section(config, "users").get("open_signup"))));
        m.put("base_url", config.get("base_url") instanceof String b ? b : "/");
        m.put("agent", Map.of("service", Layout.AGENT_SERVICE, "token_file", Layout.AGENT_API_TOKEN));
        m.put("admins_group", Layout.ADMINS_GROUP);
        m.put("limits", section(config, "limits"));
        // The warm timer's calendar lines; a bad class.timezone stops the run here, before anything changed.
        m.put("class_calendar", ClassSchedule.of(config, ZoneId.systemDefault()).calendar());
        m.put("limits_by_user", limitsByUser(section(config, "limits")));
        m.put("disk_quota", diskQuota(section(config, "limits")));
        Map<String, Object> cull = section(section(config, "services"), "cull");
        m.put("cull", cull);
        // Servers report activity at least as often as the culler checks (JupyterHub's default: every 300 s).
        m.put(
                "activity_interval",
                Boolean.TRUE.equals(cull.get("enabled")) && cull.get("every") instanceof Number every
                        ? Math.min(300, every.intValue())
                        : 300);
        m.put(
                "default_url",
                "notebook".equals(section(config, "user_environment").get("default_app")) ? "/tree" : "/lab");
        m.put("extra_config_dir", Layout.EXTRA_CONFIG_DIR);
        m.put(
                "shared",
                Map.of(
                        "data",
                        Layout.SHARED_DATA,
                        "scratch",
                        Layout.SHARED_SCRATCH,
                        "scratch_enabled",
                        Boolean.TRUE.equals(section(config, "user_environment").get("shared_scratch"))));
        m.put("teaching", Teaching.model(config));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String key) {
        return parent.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /**
     * Each user of {@code limits.users} with their effective limits: what their entry says, the default
     * ({@code limits.memory}, {@code limits.cpu}, {@code limits.tasks}) for what it leaves out. A key is absent when
     * there is no limit.
     */
    private static Map<String, Map<String, Object>> limitsByUser(Map<String, Object> limits) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (limits.get("users") instanceof Map<?, ?> users) {
            users.forEach((user, entry) -> {
                Map<?, ?> override = entry instanceof Map<?, ?> o ? o : Map.of();
                Object memory = override.containsKey("memory") ? override.get("memory") : limits.get("memory");
                Object cpu = override.containsKey("cpu") ? override.get("cpu") : limits.get("cpu");
                Map<String, Object> effective = new LinkedHashMap<>();
                if (memory != null && !"".equals(memory)) {
                    effective.put("memory", memory);
                }
                if (cpu != null) {
                    effective.put("cpu", cpu);
                }
                Object tasks = override.containsKey("tasks") ? override.get("tasks") : limits.get("tasks");
                if (tasks != null) {
                    effective.put("tasks", tasks);
                }
                out.put(String.valueOf(user), effective);
            });
        }
        return out;
    }

    /**
     * {@code limits.disk} in KiB (the quota tools' unit; 0 = no limit): {@code default_kib}, and the users of
     * {@code limits.users} whose entry has {@code disk} by unix name ({@code users}, for the playbook) and by hub name
     * ({@code hub_users}, for the hub's pre-spawn hook, which sets a new user's limit).
     */
    static Map<String, Object> diskQuota(Map<String, Object> limits) {
        Map<String, Long> byUnix = new LinkedHashMap<>();
        Map<String, Long> byHub = new LinkedHashMap<>();
        if (limits.get("users") instanceof Map<?, ?> users) {
            users.forEach((user, entry) -> {
                if (entry instanceof Map<?, ?> own && own.containsKey("disk")) {
                    long kib = kib(own.get("disk"));
                    byUnix.put(UnixNames.unixName(String.valueOf(user)), kib);
                    byHub.put(String.valueOf(user), kib);
                }
            });
        }
        return Map.of("default_kib", kib(limits.get("disk")), "users", byUnix, "hub_users", byHub);
    }

    /** The KiB {@code limits.disk} gives a unix user (0: none), per-user entries first: what doctor checks homes by. */
    @SuppressWarnings("unchecked")
    public static ToLongFunction<String> diskLimitKib(Map<String, Object> config) {
        Map<String, Object> quota = diskQuota(section(config, "limits"));
        long everyone = (Long) quota.get("default_kib");
        Map<String, Long> own = (Map<String, Long>) quota.get("users");
        return unixName -> own.getOrDefault(unixName, everyone);
    }

    private static long kib(Object size) {
        return size == null || "".equals(String.valueOf(size))
                ? 0
                : (MemoryBudget.bytes(String.valueOf(size)) + 1023) / 1024;
    }

    private static List<String> list(Map<String, Object> parent, String key) {
        return parent.get(key) instanceof List<?> l
                ? l.stream().map(String::valueOf).toList()
                : List.of();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> versions() {
        try (InputStream in = Model.class.getResourceAsStream("playbooks/versions.yaml")) {
            if (in == null) {
                throw new IllegalStateException("versions.yaml is missing from the agent jar");
            }
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
