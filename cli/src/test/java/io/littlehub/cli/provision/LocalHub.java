package io.littlehub.cli.provision;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A hub on 127.0.0.1 for {@link HubClient}'s server start, answering as JupyterHub does: user ada has no server until
 * a start is accepted (201/202), then a ready one; the progress stream says ready at once (or is cut first:
 * {@link #cutStreams}); the server's page is there.
 * Ada signs in at /hub/login with {@link #PASSWORD} (302 to her server when it runs, else to the spawn page). The starts are answered with the given statuses one after the other (the last repeats); {@link #CLOSE} closes the
 * connection without an answer. {@link #asked} lists the requests in order.
 */
final class LocalHub implements AutoCloseable {
    /** A start answered by closing its connection, no answer (the JDK's server does that when a handler throws). */
    static final int CLOSE = -1;
    /** The _xsrf cookie of ada's server (its page sets it). */
    static final String SERVER_XSRF = "server-token";
    /** ada's password at {@code /hub/login}. */
    static final String PASSWORD = "right-one";

    final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    private volatile boolean started;
    /** How many accepted starts the progress stream then says failed. */
    volatile int failedStarts;
    /** How many progress streams are cut before they say anything (their connection closed mid-body). */
    volatile int cutStreams;

    LocalHub(Integer... starts) throws IOException {
        Iterator<Integer> next = List.of(starts).iterator();
        int[] last = {0};
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hub/api/users/ada/server", exchange -> {
            asked.add(exchange.getRequestMethod() + " server");
            last[0] = next.hasNext() ? next.next() : last[0];
            if (last[0] == CLOSE) {
                throw new IllegalStateException("closed without an answer");
            }
            if (last[0] == 429) {
                // JupyterHub sends its pause in seconds (1 here, to keep the tests short).
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            started |= last[0] == 201 || last[0] == 202;
            answer(exchange, last[0], last[0] == 429 ? HubClientBusyTest.BUSY : "");
        });
        server.createContext("/hub/api/users/ada/server/progress", exchange -> {
            asked.add("GET progress");
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            if (cutStreams > 0) {
                cutStreams--;
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write("\n".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                // Thrown with the chunked body open: the JDK's server closes the connection, no last chunk.
                throw new IllegalStateException("the stream's connection cut");
            }
            if (failedStarts > 0) {
                failedStarts--;
                started = false; // JupyterHub forgets a server whose start failed
                answer(exchange, 200, "data: {\"progress\": 100, \"failed\": true, \"message\": \"Spawn failed\"}\n\n");
            } else {
                answer(exchange, 200, "\n\ndata: {\"progress\": 100, \"ready\": true, \"url\": \"/user/ada/\"}\n\n");
            }
        });
        server.createContext("/hub/api/users/ada", exchange -> {
            asked.add("GET user");
            answer(
                    exchange,
                    200,
                    started
                            ? "{\"name\": \"ada\", \"servers\": {\"\": {\"ready\": true}}}"
                            : "{\"name\": \"ada\", \"servers\": {}}");
        });
        server.createContext("/user/ada/", exchange -> {
            asked.add("GET " + exchange.getRequestURI().getPath());
            // The server's page sets its own _xsrf cookie, which its API then wants back in X-XSRFToken.
            exchange.getResponseHeaders().add("Set-Cookie", "_xsrf=" + SERVER_XSRF + "; Path=/user/ada/");
            answer(exchange, 200, "<html>lab</html>");
        });
        server.createContext("/user/ada/api/kernels", exchange -> {
            asked.add(exchange.getRequestMethod() + " kernels");
            boolean xsrf = SERVER_XSRF.equals(exchange.getRequestHeaders().getFirst("X-XSRFToken"));
            answer(exchange, xsrf ? 201 : 403, xsrf ? "{\"id\": \"k1\"}" : "{\"message\": \"'_xsrf' missing\"}");
        });
        server.createContext("/hub/login", exchange -> {
            asked.add(exchange.getRequestMethod() + " login");
            if (exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().add("Set-Cookie", "_xsrf=x; Path=/hub/");
                answer(exchange, 200, "<form>");
            } else if (new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .contains("password=" + PASSWORD)) {
                // JupyterHub sends a student to their server when it runs, else to the spawn page.
                exchange.getResponseHeaders().add("Location", started ? "/user/ada/" : "/hub/spawn");
                answer(exchange, 302, "");
            } else {
                answer(exchange, 403, "<form>Invalid username or password");
            }
        });
        server.start();
    }

    /** A hub where ada's server runs already (a warm start). */
    static LocalHub running() throws IOException {
        LocalHub hub = new LocalHub();
        hub.started = true;
        return hub;
    }

    HubClient student() {
        return new HubClient("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
