package io.littlehub.agent.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where littlehub keeps things on the VM: the one place these paths are written down (see docs/ARCHITECTURE.md). */
public final class Layout {
    public static final String CONFIG_DIR = "/etc/littlehub";
    public static final String CONFIG_FILE = CONFIG_DIR + "/config.yaml";
    public static final String ROOT = "/opt/littlehub";
    public static final String AGENT_JAR = ROOT + "/agent/littlehub-agent.jar";

    private Layout() {
    }

    /** The paths as the playbooks and templates see them ({@code paths.hub_venv} and so on). */
    public static Map<String, Object> paths() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("root", ROOT);
        p.put("config_dir", CONFIG_DIR);
        p.put("config_file", CONFIG_FILE);
        p.put("hub_venv", ROOT + "/hub");
        p.put("user_venv", ROOT + "/user");
        p.put("proxy", ROOT + "/proxy");
        p.put("state", ROOT + "/state");
        p.put("hub_config", ROOT + "/config");
        p.put("extra_config", CONFIG_DIR + "/jupyterhub_config.d");
        p.put("agent_jar", AGENT_JAR);
        return p;
    }
}
