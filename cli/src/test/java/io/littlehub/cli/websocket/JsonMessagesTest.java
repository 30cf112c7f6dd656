package io.littlehub.cli.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonMessagesTest {
    private final List<JsonNode> messages = new ArrayList<>();
    private final List<String> ends = new ArrayList<>();
    private final JsonMessages listener = new JsonMessages(messages::add, ends::add);
    /** A websocket that only takes {@code request(n)}: all the listener asks of it. */
    private final WebSocket socket = (WebSocket) Proxy.newProxyInstance(
            WebSocket.class.getClassLoader(), new Class<?>[] {WebSocket.class}, (proxy, method, args) -> null);

    @Test
    void fragmentsMakeOneMessage() {
        listener.onText(socket, "{\"a\":", false);
        listener.onText(socket, "1}", true);
        assertEquals(1, messages.size());
        assertEquals(1, messages.get(0).get("a").asInt());
        assertEquals(List.of(), ends);
    }

    @Test
    void aServerThatClosesTheWebsocketIsReportedAtOnce() {
        listener.onClose(socket, 1001, "server shutting down");
        listener.onClose(socket, 1006, "");
        assertEquals(
                List.of("was closed by the server (1001 server shutting down)", "was closed by the server (1006)"),
                ends);
    }

    @Test
    void aFailedWebsocketIsReported() {
        listener.onError(socket, new IOException("connection reset"));
        assertEquals(List.of("failed: java.io.IOException: connection reset"), ends);
    }
}
