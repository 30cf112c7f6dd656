package io.littlehub.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.Map;

/** Writes each event as one line of JSON and flushes, so the laptop sees it as it happens. */
public final class JsonLines implements EventSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;

    public JsonLines(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void emit(Map<String, Object> event) {
        try {
            out.println(JSON.writeValueAsString(event));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
