package io.littlehub.agent.config;

import io.littlehub.agent.ops.Action;
import io.littlehub.agent.ops.HttpCheck;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.Machine;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the hub says it is healthy: the same URL the provision playbook checks ({@code health_url} in its model), and
 * how long a restarted hub is waited for there.
 */
public final class HubHealth {
    private HubHealth() {}

    /**
     * The one wait for the hub after it was (re)started: provision's, upgrade's, rollback's and restore's. A hub
     * answers within seconds on a real VM, minutes on a slow or overloaded one (software emulation: imports alone take
     * minutes), so past 90 s it goes on while the hub's and the proxy's units still run the same processes, up to 10
     * minutes; a unit that failed, or whose process ended or was restarted by systemd, ends it at once.
     */
    public static HttpCheck afterRestart(String url) {
        return new HttpCheck(url, 200, 90, List.of("jupyterhub", "littlehub-proxy"), 600);
    }

    /** {@link #afterRestart}'s wait in {@code world}: empty when the hub answered, else what it saw and what to do. */
    public static Optional<String> waitAfterRestart(Machine machine, String url, HttpCheck.World world) {
        HttpCheck check = afterRestart(url);
        return check.plan(check.waitFor(machine, world)).stream()
                .map(Action::describe)
                .findFirst();
    }

    /** The address and port the proxy listens on: the public ones (http.*), or 127.0.0.1 behind the HTTPS front. */
    public record Listen(String address, int port) {}

    @SuppressWarnings("unchecked")
    public static Listen proxyListen(Map<String, Object> config) {
        if (Boolean.TRUE.equals(((Map<String, Object>) config.get("https")).get("enabled"))) {
            return new Listen("127.0.0.1", Layout.PROXY_BEHIND_HTTPS_PORT);
        }
        return publicHttp(config);
    }

    /** Through the proxy, on its address (127.0.0.1 when it listens on all), port and base URL. */
    public static String url(String configText) {
        return url(HubConfig.load(configText));
    }

    public static String url(Map<String, Object> config) {
        return local(proxyListen(config)) + config.get("base_url") + "hub/health";
    }

    /** The public HTTP port from this VM: the proxy's, or with HTTPS on the front's, which redirects every request. */
    public static String publicHttpUrl(Map<String, Object> config) {
        return local(publicHttp(config)) + "/";
    }

    /** http.address and http.port: where students reach the hub over plain HTTP. */
    @SuppressWarnings("unchecked")
    private static Listen publicHttp(Map<String, Object> config) {
        Map<String, Object> http = (Map<String, Object>) config.get("http");
        return new Listen(String.valueOf(http.getOrDefault("address", "")), ((Number) http.get("port")).intValue());
    }

    /** {@code http://ADDRESS:PORT}, 127.0.0.1 for a service that listens on every interface. */
    private static String local(Listen listen) {
        return "http://" + (listen.address().isEmpty() ? "127.0.0.1" : listen.address()) + ":" + listen.port();
    }

    /** The hub's own health URL, not through the proxy: whether the hub itself answers. */
    public static String directUrl(String configText) {
        return "http://127.0.0.1:" + Layout.HUB_PORT
                + HubConfig.load(configText).get("base_url") + "hub/health";
    }
}
