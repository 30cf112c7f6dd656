package io.littlehub.common.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The hub's configuration (/etc/littlehub/config.yaml) laid over the defaults. */
public final class HubConfig {
    private HubConfig() {}

    /**
     * What a hub gets when its config file says nothing: TLJH-like, with per-student limits on. The schema
     * (schema/littlehub-config.schema.json) documents the same defaults; a test keeps the two equal.
     */
    public static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(
                "users",
                map(
                        "admin",
                        List.of(),
                        "allowed",
                        List.of(),
                        "banned",
                        List.of(),
                        "rehearsal",
                        List.of(),
                        "open_signup",
                        false,
                        "emails",
                        map(),
                        "groups",
                        map()));
        d.put("course", map("name", "", "id", "", "instructors", List.of(), "nbgrader", map("enabled", false)));
        d.put(
                "auth",
                map(
                        "type",
                        "firstuse",
                        "login_hint",
                        "",
                        "throttle",
                        map(
                                "enabled",
                                true,
                                "failures_per_name",
                                5,
                                "failures_per_address",
                                30,
                                "window_seconds",
                                300,
                                "lockout_seconds",
                                60,
                                "max_lockout_seconds",
                                3600)));
        d.put(
                "limits",
                map(
                        "memory",
                        "1G",
                        "cpu",
                        1,
                        "tasks",
                        512,
                        "spawns_at_once",
                        "auto",
                        "active_servers",
                        "auto",
                        "hub_cpu_weight",
                        1000,
                        "users",
                        map()));
        d.put(
                "user_environment",
                map(
                        "default_app",
                        "lab",
                        "shared_scratch",
                        false,
                        "jupyterlab_news",
                        false,
                        "disabled_server_extensions",
                        List.of("jupyter_lsp")));
        d.put("services", map("cull", map("enabled", true, "timeout", 3600, "every", 300, "max_age", 0)));
        d.put("backup", map("schedule", "off", "keep", 7));
        d.put("class", map("schedule", List.of(), "timezone", ""));
        d.put("http", map("address", "", "port", 80));
        d.put(
                "https",
                map(
                        "enabled",
                        false,
                        "port",
                        443,
                        "domains",
                        List.of(),
                        "letsencrypt",
                        map("email", "", "staging", false),
                        "acme",
                        map("directory", "", "ca_root", ""),
                        "tls",
                        map("cert", "", "key", ""),
                        "hsts",
                        map("enabled", false, "max_age", 31536000),
                        "address_name",
                        "",
                        "public_address",
                        ""));
        d.put("base_url", "/");
        return d;
    }

    /** The file over the defaults, with {@code https.address_name} applied ({@link AddressName#apply}). */
    public static Map<String, Object> load(String yamlText) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        Map<String, Object> merged = defaults();
        if (doc instanceof Map<?, ?> m) {
            mergeInto(merged, m);
        } else if (doc != null) {
            throw new IllegalArgumentException("the config file must be a YAML mapping (key: value lines)");
        }
        return AddressName.apply(merged);
    }

    @SuppressWarnings("unchecked")
    static void mergeInto(Map<String, Object> base, Map<?, ?> over) {
        over.forEach((k, v) -> {
            String key = k.toString();
            if (v instanceof Map<?, ?> vm && base.get(key) instanceof Map<?, ?> bm) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) bm);
                mergeInto(copy, vm);
                base.put(key, copy);
            } else {
                base.put(key, v);
            }
        });
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
