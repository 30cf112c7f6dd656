package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A student's server start against a local hub that answers as JupyterHub does past {@code concurrent_spawn_limit}:
 * 429 with {@code Retry-After} and its message. The student pauses and asks again, within the start's timeout.
 */
class HubClientBusyTest {
    private static final String BUSY =
            "{\"status\": 429, \"message\": \"Too many users trying to log in right now. Try again in 10 seconds.\"}";

    private HttpServer hub;
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    /** A hub on 127.0.0.1 answering the server starts with {@code starts}, one after the other (the last repeats). */
    private HubClient hubAnswering(Integer... starts) throws IOException {
        Iterator<Integer> next = List.of(starts).iterator();
        int[] last = {0};
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/hub/api/users/ada/server", exchange -> {
            asked.add(exchange.getRequestMethod() + " server");
            last[0] = next.hasNext() ? next.next() : last[0];
            if (last[0] == 429) {
                // JupyterHub sends its pause in seconds (1 here, to keep the test short).
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            answer(exchange, last[0], last[0] == 429 ? BUSY : "");
        });
        hub.createContext("/hub/api/users/ada", exchange -> {
            asked.add("GET user");
            answer(exchange, 200, "{\"name\": \"ada\", \"servers\": {\"\": {\"ready\": true}}}");
        });
        hub.createContext("/user/ada/lab", exchange -> answer(exchange, 200, "<html>lab</html>"));
        hub.start();
        return new HubClient("http://127.0.0.1:" + hub.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @AfterEach
    void stop() {
        hub.stop(0);
    }

    @Test
    void aBusyHubIsWaitedOutAndCountedNotFailed() throws Exception {
        HubClient student = hubAnswering(429, 429, 202);
        long t = System.nanoTime();
        student.startServer("ada", Duration.ofSeconds(30));
        assertEquals(2, student.busyWaits());
        assertEquals(List.of("POST server", "POST server", "POST server", "GET user"), asked);
        assertTrue(System.nanoTime() - t >= Duration.ofSeconds(2).toNanos(), "it paused as Retry-After said");
    }

    @Test
    void aHubStillBusyAtTheTimeoutIsTheFailureInItsOwnWords() throws Exception {
        HubClient student = hubAnswering(429);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> student.startServer("ada", Duration.ofMillis(2900)));
        assertEquals(
                "the hub was still busy (429: Too many users trying to log in right now) at the 2 s timeout",
                e.getMessage());
        assertEquals(2, student.busyWaits(), "paused twice (1 s each), then a third pause would pass the timeout");
        assertEquals(List.of("POST server", "POST server", "POST server"), asked);
    }

    @Test
    void anotherRefusalIsAFailureAtOnce() throws Exception {
        HubClient student = hubAnswering(403);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> student.startServer("ada", Duration.ofSeconds(30)));
        assertTrue(e.getMessage().startsWith("starting the server answered 403"), e.getMessage());
        assertEquals(0, student.busyWaits());
    }
}
