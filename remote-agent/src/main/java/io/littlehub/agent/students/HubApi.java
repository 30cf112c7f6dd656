package io.littlehub.agent.students;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.common.config.Layout;
import io.littlehub.common.hub.BusyHub;
import io.littlehub.common.students.UnixNames;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The hub's REST API, straight to the hub on 127.0.0.1 (not through the proxy), with the agent's own token — the
 * hub knows it as service {@link Layout#AGENT_SERVICE}. Users are deleted and demoted here: JupyterHub keeps both in
 * its database, so a config change alone would not stop a removed student's server or take an admin's rights.
 */
public final class HubApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 200;

    private final URI api;
    private final String token;
    private final HttpClient http = plainHttp();

    HubApi(URI api, String token) {
        this.api = api;
        this.token = token;
    }

    /**
     * A client for plain HTTP (the hub on 127.0.0.1): its TLS context trusts nothing instead of being the JVM's default,
     * whose making reads the whole CA store (about 0.1 s of CPU in every {@code status} and {@code students}, for a
     * context this client never uses).
     */
    static HttpClient plainHttp() {
        SSLContext none;
        try {
            none = SSLContext.getInstance("TLS");
            none.init(null, new TrustManager[0], null); // no X509TrustManager: every certificate is refused
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(none)
                .sslParameters(new SSLParameters())
                .build();
    }

    /** @param baseUrl the config's base_url, like "/" or "/jupyter/" */
    public static HubApi onThisMachine(String baseUrl) throws IOException {
        Path tokenFile = Path.of(Layout.AGENT_API_TOKEN);
        if (!Files.isReadable(tokenFile)) {
            throw new IOException("the agent's hub API token " + tokenFile
                    + " is missing: run `littlehub provision` again to create it");
        }
        return new HubApi(
                URI.create("http://127.0.0.1:" + Layout.HUB_PORT + baseUrl + "hub/api/"),
                Files.readString(tokenFile).strip());
    }

    /** Every hub user, each as the API's user model (name, admin, last_activity, servers). */
    public List<JsonNode> users() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            JsonNode page = JSON.readTree(
                    send("GET", "users?include_stopped_servers=1&limit=" + PAGE + "&offset=" + offset, null, 200)
                            .body());
            page.forEach(all::add);
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    /**
     * Stops the user's server and deletes the user (FirstUse forgets their password). False: there was no such user.
     * A server still starting, or still being checked by a hub that has just restarted, makes JupyterHub answer 500
     * ("Spawner … is active and cannot be deleted") or 400 (stopping): asked again every {@code pause} until
     * {@code patience} has passed.
     */
    public boolean deleteUser(String name) throws IOException {
        return deleteUser(name, Duration.ofMinutes(5), Duration.ofSeconds(2));
    }

    boolean deleteUser(String name, Duration patience, Duration pause) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            HttpResponse<String> r = send("DELETE", "users/" + encode(name), null, 204, 404, 400, 500);
            if (r.statusCode() == 204 || r.statusCode() == 404) {
                return r.statusCode() == 204;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the hub answered DELETE users/" + name + " with " + r.statusCode() + " for "
                        + patience.toSeconds() + " s: " + r.body().strip() + "; check `littlehub logs`");
            }
            pause(pause);
        }
    }

    /** False: there is no such user (yet: they have not signed in). */
    public boolean setAdmin(String name, boolean admin) throws IOException {
        return send("PATCH", "users/" + encode(name), "{\"admin\": " + admin + "}", 200, 404)
                        .statusCode()
                == 200;
    }

    /**
     * Stops the user's server and waits until it has stopped (systemd stops its unit: every process in it ends, a
     * sudo shell too). False: there was no such user or no server running.
     */
    public boolean stopServer(String name, Duration timeout) throws IOException {
        if (!serverActive(name)) {
            return false;
        }
        send("DELETE", "users/" + encode(name) + "/server", null, 202, 204);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (serverActive(name)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(name + "'s server is still stopping after " + timeout.toSeconds()
                        + " s: check `systemctl status " + UnixNames.unitName(name) + "`");
            }
            pause();
        }
        return true;
    }

    /**
     * Asks the hub to start the user's default server (the spawner runs as for a sign-in). A student on the roster the
     * hub has not met yet (a roster change reaches the running hub without a restart, so nobody added them to its
     * database) is created first, as the hub's own start would have done.
     */
    public void startServer(String name) throws IOException {
        startServer(name, Duration.ofMinutes(5));
    }

    /**
     * As {@link #startServer(String)}; a busy hub (429: {@code concurrent_spawn_limit} starts under way, or
     * {@code active_server_limit}) is asked again after the pause it names until {@code patience} has passed.
     */
    void startServer(String name, Duration patience) throws IOException {
        String server = "users/" + encode(name) + "/server";
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            HttpResponse<String> r = send("POST", server, null, 201, 202, 404, 429);
            if (r.statusCode() == 404) {
                send("POST", "users/" + encode(name), null, 201, 409);
                continue;
            }
            if (r.statusCode() != 429) {
                return;
            }
            BusyHub busy = BusyHub.of(r.headers().firstValue("Retry-After"), r.body());
            if (System.nanoTime() + busy.pause().toNanos() > deadline) {
                throw new IOException(BusyHub.STILL_BUSY + busy.message() + ") after " + patience.toSeconds()
                        + " s: start fewer at once (limits.spawns_at_once) or warm earlier");
            }
            pause(busy.pause());
        }
    }

    /** The user's default server as the API shows it ({@code ready}, {@code pending}, {@code started}), or null. */
    public JsonNode server(String name) throws IOException {
        HttpResponse<String> user = send("GET", "users/" + encode(name), null, 200, 404);
        if (user.statusCode() == 404) {
            return null;
        }
        JsonNode server = JSON.readTree(user.body()).path("servers").path("");
        return server.isMissingNode() ? null : server;
    }

    /**
     * Tells the hub the user's default server was active at {@code when} (ISO-8601 UTC): the idle culler measures
     * idleness from the last such time.
     */
    public void touchServer(String name, String when) throws IOException {
        send(
                "POST",
                "users/" + encode(name) + "/activity",
                "{\"servers\": {\"\": {\"last_activity\": \"" + when + "\"}}}",
                200,
                204);
    }

    /** The user's default server is running, starting or stopping (the API lists only such servers). */
    private boolean serverActive(String name) throws IOException {
        HttpResponse<String> user = send("GET", "users/" + encode(name), null, 200, 404);
        return user.statusCode() == 200
                && JSON.readTree(user.body()).path("servers").has("");
    }

    private static void pause() throws IOException {
        pause(Duration.ofMillis(500));
    }

    private static void pause(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the hub", e);
        }
    }

    private HttpResponse<String> send(String method, String path, String body, int... expected) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "token " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking the hub", e);
        } catch (IOException e) {
            throw new IOException(
                    "the hub does not answer at " + api + " (" + e.getMessage()
                            + "): check `systemctl status jupyterhub`",
                    e);
        }
        for (int ok : expected) {
            if (response.statusCode() == ok) {
                return response;
            }
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new HubRefused("the hub refused the agent's API token (" + method + " " + path + ": "
                    + response.statusCode() + " " + response.body().strip() + "); the hub's log (`littlehub logs`)"
                    + " says which token it loaded for service " + Layout.AGENT_SERVICE);
        }
        throw new IOException("the hub answered " + method + " " + path + " with " + response.statusCode() + ": "
                + response.body().strip());
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
