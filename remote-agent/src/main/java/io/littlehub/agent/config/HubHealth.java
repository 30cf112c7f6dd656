package io.littlehub.agent.config;

import java.util.Map;

/** Where the hub says it is healthy: the same URL the provision playbook checks ({@code health} in playbooks/provision.yaml). */
public final class HubHealth {
    private HubHealth() {
    }

    /** Through the proxy, on its address (127.0.0.1 when it listens on all), port and base URL. */
    @SuppressWarnings("unchecked")
    public static String url(String configText) {
        Map<String, Object> c = HubConfig.load(configText);
        Map<String, Object> http = (Map<String, Object>) c.get("http");
        String address = String.valueOf(http.getOrDefault("address", ""));
        return "http://" + (address.isEmpty() ? "127.0.0.1" : address) + ":" + http.get("port") + c.get("base_url") + "hub/health";
    }

    /** The hub's own health URL, not through the proxy: whether the hub itself answers. */
    public static String directUrl(String configText) {
        return "http://127.0.0.1:" + Layout.HUB_PORT + HubConfig.load(configText).get("base_url") + "hub/health";
    }
}
