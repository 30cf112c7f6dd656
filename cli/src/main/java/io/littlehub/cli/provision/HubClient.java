package io.littlehub.cli.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.websocket.JsonMessages;
import io.littlehub.common.hub.BusyHub;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A student, as a browser would be: logs in over HTTP, starts a server through the hub's REST API, runs code in a
 * kernel over the Jupyter websocket, stops the server. {@code littlehub rehearse} and the tests use it; only public
 * APIs (JupyterHub's REST API, the Jupyter server API, the kernel websocket).
 */
public final class HubClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    /** For {@link #signIn}: the same cookies, redirects not followed. */
    private HttpClient unfollowed;

    private int busyWaits;
    private int failedStarts;
    private int resent;

    /** How many times a request is sent again after its connection closed unanswered. */
    static final int RESENDS = 3;

    public HubClient(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = client(HttpClient.Redirect.NORMAL);
    }

    /** A browser's client: HTTP/1.1, this student's cookies. */
    private HttpClient client(HttpClient.Redirect redirects) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(redirects)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build());
    }

    /**
     * Sends {@code request}, and sends it again when the connection closed before any answer came. The proxy closes a
     * keep-alive connection idle for 5 s (Node's default), so a request sent on it just then (after a busy hub's 5 s
     * pause, say) meets a closed connection. A browser sends the request again on another connection, and so does this
     * client: up to {@link #RESENDS} times, since the next pooled connection may have been closed in the same way
     * (ClassStartIT's busy test: one resend met a second closed connection).
     */
    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return send(http, request);
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return send(client, request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        IOException closed = null;
        for (int attempt = 0; ; attempt++) {
            try {
                return client.send(request, body);
            } catch (IOException e) {
                if (!closedBeforeAnswering(e) || attempt == RESENDS) {
                    if (closed != null && e != closed) {
                        e.addSuppressed(closed);
                    }
                    throw e;
                }
                closed = e;
                resent++;
            }
        }
    }

    /** The JDK's EOF before a status line: the peer closed the connection without answering this request. */
    public static boolean closedBeforeAnswering(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** How many requests this client sent again because their connection closed with no answer. */
    public int resent() {
        return resent;
    }

    /** The _xsrf cookie for {@code pathPrefix} (relative to the hub's address, which may carry a base URL). */
    private String xsrf(String pathPrefix) {
        String path = URI.create(base + pathPrefix).getPath();
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("_xsrf") && (c.getPath() == null || path.startsWith(c.getPath())))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse("");
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
        return login(user, password, Map.of());
    }

    /** {@link #login(String, String)} sending {@code headers} with both requests (a client forging X-Forwarded-For). */
    public HttpResponse<String> login(String user, String password, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder page = HttpRequest.newBuilder(URI.create(base + "/hub/login"))
                .timeout(Duration.ofSeconds(60))
                .GET();
        headers.forEach(page::header);
        send(page.build());
        // next: the page after sign-in, as a path on the server (under the hub's base URL, if it has one).
        String next = enc(URI.create(base).getPath() + "/hub/home");
        HttpRequest.Builder post = loginPost(user, password, "?next=" + next);
        headers.forEach(post::header);
        return send(post.build());
    }

    /**
     * Signs in as a student does, up to the hub's answer: the form, then the password; the hub's redirect (to the
     * student's running server, or to the spawn page) is the sign-in's end, not followed: what a student's browser
     * loads next is the server's page, {@link #startServer}'s. A 302 away from the login page: signed in.
     */
    public HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
        get("/hub/login");
        if (unfollowed == null) {
            unfollowed = client(HttpClient.Redirect.NEVER);
        }
        return send(unfollowed, loginPost(user, password, "").build());
    }

    /** True when {@link #signIn}'s answer is the hub's redirect onwards (a refusal stays on the login page). */
    public static boolean signedIn(HttpResponse<String> answer) {
        return answer.statusCode() == 302
                && !answer.headers().firstValue("Location").orElse("").contains("/hub/login");
    }

    private HttpRequest.Builder loginPost(String user, String password, String query) {
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&_xsrf=" + enc(xsrf("/hub/"));
        return HttpRequest.newBuilder(URI.create(base + "/hub/login" + query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    /** Signs up through NativeAuthenticator's form (/hub/signup); returns its answer page. */
    public HttpResponse<String> signUp(String user, String password) throws IOException, InterruptedException {
        get("/hub/signup");
        String form = "username=" + enc(user) + "&signup_password=" + enc(password) + "&signup_password_confirmation="
                + enc(password) + "&_xsrf=" + enc(xsrf("/hub/"));
        return send(HttpRequest.newBuilder(URI.create(base + "/hub/signup"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    /**
     * Starts the user's server through the hub's REST API (as the logged-in user) unless it runs already, and waits
     * until it answers, as JupyterHub's spawn page does: on the hub's progress stream, which says "ready" the moment
     * the hub knows (no polling interval added to the wait). A "busy" answer (429) is waited out within
     * {@code timeout} as a student's browser retries: see {@link #busyWaits()}.
     */
    public void startServer(String user, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> api = get("/hub/api/users/" + user);
            JsonNode server = api.statusCode() == 200
                    ? JSON.readTree(api.body()).path("servers").path("")
                    : null;
            if (server != null && server.path("ready").asBoolean()) {
                openServer(user);
                return;
            }
            if (server != null && server.isMissingNode()) {
                // No server (or the last one has stopped since a start was refused while it was still stopping).
                requestStart(user, deadline, timeout);
            }
            if (server != null && awaitReady(user, deadline)) {
                openServer(user);
                return;
            }
            // Not starting (an earlier server still stopping, say) or the hub did not answer: look again.
            Thread.sleep(1000);
        }
        throw new IllegalStateException(
                "the server of " + user + " was not ready within " + timeout.toSeconds() + " s");
    }

    /**
     * Follows {@link #signIn}'s redirect as a browser does when it points at the user's own server (the hub sends a
     * student there only when that server runs and is ready: a warm start) and opens the server's page: true then.
     * No hub API request asks first whether the server runs (a browser asks none): at a warm class start, one hub
     * request fewer per student. False (nothing requested) when the redirect goes elsewhere (the spawn page):
     * {@link #startServer} then.
     */
    public boolean openServerFrom(HttpResponse<String> signIn, String user) throws IOException, InterruptedException {
        String location = signIn.headers().firstValue("Location").orElse("");
        URI hub = URI.create(base + "/");
        if (location.isEmpty() || !hub.resolve(location).getPath().equals(hub.getPath() + "user/" + user + "/")) {
            return false;
        }
        openServer(user);
        return true;
    }

    /** Opening the server's page runs the OAuth hand-off that gives this client the server's own cookie. */
    private void openServer(String user) throws IOException, InterruptedException {
        HttpResponse<String> lab = get("/user/" + user + "/lab");
        if (lab.statusCode() != 200) {
            throw new IllegalStateException(
                    "the server is ready but /user/" + user + "/lab answered " + lab.statusCode());
        }
    }

    /**
     * Follows the hub's progress stream of the user's start (server-sent events) until it says ready (true), or the
     * server is not starting (false: 400), or the start failed (false), or {@code deadline} passes (false; the hub
     * writes a line every 8 s).
     */
    private boolean awaitReady(String user, Instant deadline) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> r = send(
                http,
                HttpRequest.newBuilder(URI.create(base + "/hub/api/users/" + user + "/server/progress"))
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(60))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = r.body()) {
            if (r.statusCode() != 200) {
                return false;
            }
            Iterator<String> it = lines.iterator();
            while (it.hasNext() && Instant.now().isBefore(deadline)) {
                String line = it.next();
                if (!line.startsWith("data:")) {
                    continue;
                }
                JsonNode event = JSON.readTree(line.substring("data:".length()));
                if (event.path("ready").asBoolean()) {
                    return true;
                }
                if (event.path("failed").asBoolean()) {
                    // The start is asked for again (the server is gone), as a student starts again from the hub's
                    // page; its time counts, and the failure is counted (failedStarts).
                    failedStarts++;
                    return false;
                }
            }
            return false;
        } catch (UncheckedIOException cut) {
            // The stream's connection was cut before it said ready (the JDK ends a request at its 60 s timeout even
            // while the body streams, and a start under software emulation takes minutes): the browser's EventSource
            // opens it again, and so does startServer's loop.
            return false;
        }
    }

    /** How many times the hub answered a start with 429 (busy) and this client paused as it said and asked again. */
    public int busyWaits() {
        return busyWaits;
    }

    /** How many times the hub's progress stream said the start failed and this client asked for a start again. */
    public int failedStarts() {
        return failedStarts;
    }

    /** Stops the user's server through the hub's REST API and waits until the hub says it is gone. */
    public void stopServer(String user, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/hub/api/users/" + user + "/server"))
                .header("X-XSRFToken", xsrf("/hub/"))
                .timeout(Duration.ofSeconds(60))
                .DELETE()
                .build());
        if (r.statusCode() != 202 && r.statusCode() != 204 && r.statusCode() != 400) {
            throw new IllegalStateException("stopping the server answered " + r.statusCode() + ": " + r.body());
        }
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> api = null;
        while (Instant.now().isBefore(deadline)) {
            api = get("/hub/api/users/" + user);
            if (api.statusCode() == 200
                    && JSON.readTree(api.body()).path("servers").path("").isMissingNode()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server of " + user + " did not stop within " + timeout.toSeconds()
                + " s; the hub" + " answered " + (api == null ? "nothing" : api.statusCode() + ": " + api.body()));
    }

    /**
     * Asks the hub to start the user's server: 201/202 started, 400 already running or still stopping; 429 (busy:
     * too many starting, or running) paused out as {@link BusyHub} reads it, while the pause ends before
     * {@code deadline}; a hub still busy then is the failure, in the hub's words.
     */
    private void requestStart(String user, Instant deadline, Duration timeout)
            throws IOException, InterruptedException {
        HttpResponse<String> r = postServer(user);
        while (r.statusCode() == 429) {
            BusyHub busy = BusyHub.of(r.headers().firstValue("Retry-After"), r.body());
            if (Instant.now().plus(busy.pause()).isAfter(deadline)) {
                throw new IllegalStateException(
                        BusyHub.STILL_BUSY + busy.message() + ") at the " + timeout.toSeconds() + " s timeout");
            }
            busyWaits++;
            Thread.sleep(busy.pause().toMillis());
            r = postServer(user);
        }
        if (r.statusCode() != 201 && r.statusCode() != 202 && r.statusCode() != 400) {
            throw new IllegalStateException("starting the server answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** POST /hub/api/users/USER/server, the hub's answer as it is (429 when the hub is busy). */
    public HttpResponse<String> postServer(String user) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/hub/api/users/" + user + "/server"))
                .header("X-XSRFToken", xsrf("/hub/"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** Starts a kernel and evaluates {@code code} over the kernel's websocket; returns the text/plain result. */
    public String execute(String user, String code) throws Exception {
        return executeIn(user, startKernel(user), code);
    }

    /** Runs {@code code} in a new kernel; true when the kernel was killed (it restarts or dies) instead of answering. */
    public boolean executeIsKilled(String user, String code, Duration timeout) throws Exception {
        return run(user, startKernel(user), code, timeout).died();
    }

    /** What a cell did: its text/plain result, or the kernel died (the server reports "restarting" or "dead"). */
    private record KernelOutcome(String result, boolean died) {}

    /** Starts a kernel in the user's server; its id, for {@link #executeIn}. */
    public String startKernel(String user) throws Exception {
        return kernelId(post("/user/" + user + "/", "api/kernels", KERNEL));
    }

    /**
     * Starts a kernel as the JupyterLab page that {@link #startServer} has just opened does: with that page's _xsrf
     * cookie, without loading the page again (a second page load cost each rehearsal student's server a JupyterLab
     * page render that no browser asks for).
     */
    public String startKernelFromOpenPage(String user) throws Exception {
        return kernelId(postJson("/user/" + user + "/", "api/kernels", KERNEL));
    }

    private static final String KERNEL = "{\"name\":\"python3\"}";

    private static String kernelId(HttpResponse<String> k) throws IOException {
        if (k.statusCode() != 201) {
            throw new IllegalStateException(
                    "starting a kernel answered " + k.statusCode() + " (is the server running?): " + k.body());
        }
        return JSON.readTree(k.body()).get("id").asText();
    }

    /** Evaluates {@code code} in a running kernel (its variables are still there): the text/plain result. */
    public String executeIn(String user, String kernel, String code) throws Exception {
        KernelOutcome outcome = run(user, kernel, code, Duration.ofSeconds(120));
        if (outcome.died()) {
            throw new IllegalStateException("the kernel died running: " + code);
        }
        return outcome.result();
    }

    private KernelOutcome run(String user, String kernel, String code, Duration timeout) throws Exception {
        String prefix = "/user/" + user + "/";
        CompletableFuture<KernelOutcome> result = new CompletableFuture<>();
        String msgId = UUID.randomUUID().toString();
        java.util.concurrent.atomic.AtomicReference<String> value = new java.util.concurrent.atomic.AtomicReference<>();
        WebSocket ws = websocket(
                prefix + "api/kernels/" + kernel + "/channels",
                m -> {
                    String type = m.path("header").path("msg_type").asText();
                    String state = m.path("content").path("execution_state").asText();
                    if (type.equals("status") && (state.equals("restarting") || state.equals("dead"))) {
                        result.complete(new KernelOutcome(null, true));
                    } else if (msgId.equals(
                            m.path("parent_header").path("msg_id").asText())) {
                        if (type.equals("execute_result")) {
                            value.set(m.path("content")
                                    .path("data")
                                    .path("text/plain")
                                    .asText());
                        } else if (type.equals("error")) {
                            result.completeExceptionally(new IllegalStateException("kernel error: "
                                    + m.path("content").path("ename").asText() + ": "
                                    + m.path("content").path("evalue").asText()));
                        } else if (type.equals("status") && state.equals("idle")) {
                            // The kernel is idle after this request: every output of the cell was sent before (iopub is
                            // ordered), so a cell without a value (print, an import) is done too.
                            result.complete(new KernelOutcome(value.get(), false));
                        }
                    }
                },
                why -> result.completeExceptionally(new IllegalStateException("the kernel's websocket " + why
                        + " before the cell finished (was " + user + "'s server stopped?)")));
        Map<String, Object> msg = Map.of(
                "header",
                Map.of(
                        "msg_id",
                        msgId,
                        "username",
                        user,
                        "session",
                        UUID.randomUUID().toString(),
                        "msg_type",
                        "execute_request",
                        "version",
                        "5.3",
                        "date",
                        Instant.now().toString()),
                "parent_header",
                Map.of(),
                "metadata",
                Map.of(),
                "channel",
                "shell",
                "content",
                Map.of(
                        "code",
                        code,
                        "silent",
                        false,
                        "store_history",
                        false,
                        "user_expressions",
                        Map.of(),
                        "allow_stdin",
                        false,
                        "stop_on_error",
                        true));
        ws.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        try {
            return result.get(timeout.toSeconds(), TimeUnit.SECONDS);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /**
     * Types {@code command} into a new JupyterLab terminal (a login shell as the user, like a teacher at the keyboard)
     * and returns its output up to the first line that is exactly {@code marker}.
     */
    public String terminal(String user, String command, String marker, Duration timeout) throws Exception {
        String prefix = "/user/" + user + "/";
        HttpResponse<String> t = post(prefix, "api/terminals", "{}");
        if (t.statusCode() != 200) {
            throw new IllegalStateException("opening a terminal answered " + t.statusCode() + ": " + t.body());
        }
        String name = JSON.readTree(t.body()).get("name").asText();
        StringBuffer output = new StringBuffer();
        CompletableFuture<String> done = new CompletableFuture<>();
        WebSocket ws = websocket(
                prefix + "terminals/websocket/" + name,
                m -> {
                    if (m.isArray() && "stdout".equals(m.path(0).asText())) {
                        output.append(m.path(1).asText());
                        String text = output.toString().replace("\r", "");
                        int at = text.indexOf("\n" + marker + "\n");
                        if (at >= 0) {
                            done.complete(text.substring(0, at));
                        }
                    }
                },
                why -> done.completeExceptionally(new IllegalStateException("the terminal's websocket " + why
                        + " before it printed " + marker + "; it showed:\n" + output)));
        ws.sendText(
                        JSON.writeValueAsString(java.util.List.of(
                                "stdin",
                                command + "; echo; echo " + marker.substring(0, 1) + "''" + marker.substring(1)
                                        + "\r")),
                        true)
                .get(30, TimeUnit.SECONDS);
        try {
            return done.get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(
                    "the terminal did not print " + marker + " within " + timeout.toSeconds() + " s; it showed:\n"
                            + output,
                    e);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /**
     * POST to the user's own server (an extension's API, like nbgrader's {@code assignments/submit?…}) with the
     * server's _xsrf token, as JupyterLab does.
     */
    public HttpResponse<String> postToServer(String user, String pathAndQuery)
            throws IOException, InterruptedException {
        return post("/user/" + user + "/", pathAndQuery, "{}");
    }

    private HttpResponse<String> post(String prefix, String path, String json)
            throws IOException, InterruptedException {
        HttpResponse<String> lab = get(prefix + "lab");
        if (lab.statusCode() != 200) {
            throw new IllegalStateException(prefix + "lab answered " + lab.statusCode() + " (is the server running?)");
        }
        return postJson(prefix, path, json);
    }

    /** POSTs to the server with the _xsrf cookie this client already has for it (from a page it opened). */
    private HttpResponse<String> postJson(String prefix, String path, String json)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + prefix + path))
                .header("X-XSRFToken", xsrf(prefix))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** {@code onEnd}: the websocket was closed by the server or failed, and why. */
    private WebSocket websocket(
            String path, java.util.function.Consumer<JsonNode> onMessage, java.util.function.Consumer<String> onEnd)
            throws Exception {
        StringBuilder cookieHeader = new StringBuilder();
        for (HttpCookie c : cookies.getCookieStore().getCookies()) {
            cookieHeader
                    .append(cookieHeader.length() == 0 ? "" : "; ")
                    .append(c.getName())
                    .append('=')
                    .append(c.getValue());
        }
        return http.newWebSocketBuilder()
                .header("Cookie", cookieHeader.toString())
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + path), new JsonMessages(onMessage, onEnd))
                .get(30, TimeUnit.SECONDS);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
