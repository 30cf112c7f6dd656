package io.littlehub.cli.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A websocket listener that joins a text message's fragments and hands each whole message over as JSON. */
public final class JsonMessages implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<JsonNode> onMessage;

    public JsonMessages(Consumer<JsonNode> onMessage) {
        this.onMessage = onMessage;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                onMessage.accept(JSON.readTree(partial.toString()));
            } catch (IOException notJson) {
                // Jupyter's channels speak JSON; nothing waits for anything else.
            }
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }
}
