package io.littlehub.cli.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.websocket.JsonMessages;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A student in a test: logs in over HTTP like a browser, starts a server, runs code in a kernel over the websocket. */
public final class HubClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    public HubClient(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String xsrf(String pathPrefix) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("_xsrf") && (c.getPath() == null || pathPrefix.startsWith(c.getPath())))
                .map(HttpCookie::getValue).findFirst().orElse("");
    }

    /** Waits until the hub answers through the proxy (after a restart, for example). */
    public void awaitHub(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (get("/hub/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // The proxy or hub is still starting.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the hub did not answer within " + timeout.toSeconds() + " s");
    }

    /** Logs in through the login form; returns the final page's status and URL (a failed login stays on /hub/login). */
    public HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
        get("/hub/login");
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&_xsrf=" + enc(xsrf("/hub/"));
        return http.send(HttpRequest.newBuilder(URI.create(base + "/hub/login?next=" + enc("/hub/home")))
                        .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Starts the user's server through the hub's REST API (as the logged-in user) and waits until it answers. */
    public void startServer(String user, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/hub/api/users/" + user + "/server"))
                .header("X-XSRFToken", xsrf("/hub/")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 202 && r.statusCode() != 400) {
            throw new IllegalStateException("starting the server answered " + r.statusCode() + ": " + r.body());
        }
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> api = get("/hub/api/users/" + user);
            if (api.statusCode() == 200 && JSON.readTree(api.body()).path("servers").path("").path("ready").asBoolean()) {
                // Opening the server's page runs the OAuth hand-off that gives this client the server's own cookie.
                HttpResponse<String> lab = get("/user/" + user + "/lab");
                if (lab.statusCode() != 200) {
                    throw new IllegalStateException("the server is ready but /user/" + user + "/lab answered " + lab.statusCode());
                }
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the server of " + user + " was not ready within " + timeout.toSeconds() + " s");
    }

    /** Starts a kernel and evaluates {@code code} over the kernel's websocket; returns the text/plain result. */
    public String execute(String user, String code) throws Exception {
        String prefix = "/user/" + user + "/";
        HttpResponse<String> lab = get(prefix + "lab");
        if (lab.statusCode() != 200) {
            throw new IllegalStateException(prefix + "lab answered " + lab.statusCode() + " (is the server running?)");
        }
        HttpResponse<String> k = http.send(HttpRequest.newBuilder(URI.create(base + prefix + "api/kernels"))
                .header("X-XSRFToken", xsrf(prefix)).header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"python3\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (k.statusCode() != 201) {
            throw new IllegalStateException("starting a kernel answered " + k.statusCode() + ": " + k.body());
        }
        String kernel = JSON.readTree(k.body()).get("id").asText();
        StringBuilder cookieHeader = new StringBuilder();
        for (HttpCookie c : cookies.getCookieStore().getCookies()) {
            cookieHeader.append(cookieHeader.length() == 0 ? "" : "; ").append(c.getName()).append('=').append(c.getValue());
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        String msgId = UUID.randomUUID().toString();
        WebSocket ws = http.newWebSocketBuilder().header("Cookie", cookieHeader.toString())
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + prefix + "api/kernels/" + kernel + "/channels"), new JsonMessages(m -> {
                    String type = m.path("header").path("msg_type").asText();
                    if (msgId.equals(m.path("parent_header").path("msg_id").asText())) {
                        if (type.equals("execute_result")) {
                            result.complete(m.path("content").path("data").path("text/plain").asText());
                        } else if (type.equals("error")) {
                            result.completeExceptionally(new IllegalStateException("kernel error: " + m.path("content")));
                        }
                    }
                })).get(30, TimeUnit.SECONDS);
        Map<String, Object> msg = Map.of(
                "header", Map.of("msg_id", msgId, "username", user, "session", UUID.randomUUID().toString(),
                        "msg_type", "execute_request", "version", "5.3", "date", Instant.now().toString()),
                "parent_header", Map.of(), "metadata", Map.of(), "channel", "shell",
                "content", Map.of("code", code, "silent", false, "store_history", false, "user_expressions", Map.of(),
                        "allow_stdin", false, "stop_on_error", true));
        ws.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        try {
            return result.get(120, TimeUnit.SECONDS);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
