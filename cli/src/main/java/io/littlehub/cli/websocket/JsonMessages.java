package io.littlehub.cli.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A websocket listener that joins a text message's fragments and hands each whole message over as JSON, and says when
 * the other side closed the websocket or it failed (a server stopped under a running cell: whoever waits for an answer
 * hears it at once instead of waiting out its timeout).
 */
public final class JsonMessages implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<JsonNode> onMessage;
    private final Consumer<String> onEnd;

    public JsonMessages(Consumer<JsonNode> onMessage) {
        this(onMessage, why -> {});
    }

    /** {@code onEnd}: why the websocket ended ("was closed by the server (1001 …)", "failed: …"). */
    public JsonMessages(Consumer<JsonNode> onMessage, Consumer<String> onEnd) {
        this.onMessage = onMessage;
        this.onEnd = onEnd;
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

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        onEnd.accept("was closed by the server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        onEnd.accept("failed: " + error);
    }
}
