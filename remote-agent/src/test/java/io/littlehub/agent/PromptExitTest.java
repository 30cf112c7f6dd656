package io.littlehub.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromptExitTest {
    /** The JDK still names the thread as PromptExit expects, and an interrupt ends it (the client still referenced). */
    @Test
    void anHttpClientsSelectorThreadEndsWhenWoken() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<Void> answer = client.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(200, answer.statusCode());
            Thread selector = selectorThread()
                    .orElseThrow(() -> new AssertionError(
                            "no thread named HttpClient-*" + PromptExit.SELECTOR_THREAD + ": the JDK renamed it"));

            assertTrue(PromptExit.wakeSelectorThreads() >= 1);
            selector.join(2000);

            assertFalse(selector.isAlive(), "the selector thread still runs after the interrupt");
            assertTrue(client.version() != null); // referenced until here: the interrupt ended it, not a collection
        } finally {
            server.stop(0);
        }
    }

    private static Optional<Thread> selectorThread() {
        Thread[] threads = new Thread[Thread.activeCount() + 16];
        int n = Thread.enumerate(threads);
        return Arrays.stream(threads, 0, n)
                .filter(t ->
                        t.getName().startsWith("HttpClient-") && t.getName().endsWith(PromptExit.SELECTOR_THREAD))
                .findFirst();
    }
}
