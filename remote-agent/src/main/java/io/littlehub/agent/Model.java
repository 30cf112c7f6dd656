package io.littlehub.agent;

import io.littlehub.agent.config.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What playbooks and templates see. Playbooks use {@code config}, {@code versions}, {@code paths} and {@code os};
 * templates use the names their header comments document ({@code hub}, {@code user}, {@code state}, {@code proxy},
 * {@code http}, {@code admins}, {@code limits}, {@code cull}, {@code default_url}, {@code extra_config_dir}),
 * derived here from the config and {@link Layout}.
 */
public final class Model {
    private Model() {
    }

    public static Map<String, Object> build(Map<String, Object> config, Facts facts) {
        return build(config, facts, versions());
    }

    static Map<String, Object> build(Map<String, Object> config, Facts facts, Map<String, Object> versions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config);
        m.put("versions", versions);
        m.put("paths", Layout.paths());
        m.put("os", Map.of("id", facts.osId(), "version", facts.osVersion()));
        m.put("hub", Map.of("venv", Layout.HUB_VENV, "config_file", Layout.HUB_CONFIG_FILE, "port", Layout.HUB_PORT));
        m.put("user", Map.of("venv", Layout.USER_VENV));
        m.put("state", Map.of("dir", Layout.STATE_DIR));
        m.put("proxy", Map.of("prefix", Layout.PROXY_PREFIX, "user", Layout.PROXY_USER, "api_port", Layout.PROXY_API_PORT,
                "env_file", Layout.PROXY_ENV));
        m.put("http", section(config, "http"));
        m.put("admins", section(config, "users").getOrDefault("admin", List.of()));
        m.put("limits", section(config, "limits"));
        m.put("cull", section(section(config, "services"), "cull"));
        m.put("default_url", "notebook".equals(section(config, "user_environment").get("default_app")) ? "/tree" : "/lab");
        m.put("extra_config_dir", Layout.EXTRA_CONFIG_DIR);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String key) {
        return parent.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> versions() {
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
