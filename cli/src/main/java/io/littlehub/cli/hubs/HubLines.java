package io.littlehub.cli.hubs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hub's output among many, whole lines at a time into the shared stream (so hubs running at once never mix
 * within a line): each line prefixed with the hub's name, or with {@code json}, each line one event with a
 * {@code "hub"} field. A {@code \r} progress rewrite is
 * dropped. It notes the changed count of a recap that goes by, for the runs' recap.
 */
final class HubLines extends OutputStream {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HUMAN_RECAP = Pattern.compile("^RECAP .* changed=(\\d+)");

    private final PrintStream shared;
    private final String prefix;
    private final String hub;
    private final boolean json;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile Integer changed;

    HubLines(PrintStream shared, String hub, int width, boolean json) {
        this.shared = shared;
        this.prefix = String.format("%-" + width + "s | ", hub);
        this.json = json;
        this.hub = hub;
    }

    /** A print stream over these lines. */
    PrintStream stream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    /** The changed count of the last recap seen, or null. */
    Integer changed() {
        return changed;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else if (b == '\r') {
            line.reset();
        } else {
            line.write(b);
        }
    }

    /** Writes a line still open (output that did not end with a line break). */
    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        noteRecap(text);
        String shown = json ? tagged(text) : prefix + text;
        synchronized (shared) {
            shared.println(shown);
            shared.flush();
        }
    }

    /**
     * An event gets {@code "hub"} first; other JSON (a command's one object, like status's, which has a
     * {@code hub} of its own) rides in a {@code result} event; a line that is not JSON in an {@code output} event.
     */
    private String tagged(String text) {
        ObjectNode event = JSON.createObjectNode().put("hub", hub);
        JsonNode parsed = null;
        if (text.strip().startsWith("{") || text.strip().startsWith("[")) {
            try {
                parsed = JSON.readTree(text);
            } catch (IOException notJson) {
                // an output line that looks like JSON
            }
        }
        if (parsed instanceof ObjectNode o && o.has("event") && !o.has("hub")) {
            event.setAll(o);
        } else if (parsed != null) {
            event.put("event", "result").set("result", parsed);
        } else {
            event.put("event", "output").put("line", text);
        }
        return event.toString();
    }

    private void noteRecap(String text) {
        Matcher m = HUMAN_RECAP.matcher(text);
        if (m.find()) {
            changed = Integer.valueOf(m.group(1));
        } else if (text.contains("\"recap\"") && text.strip().startsWith("{")) {
            try {
                JsonNode event = JSON.readTree(text);
                if ("recap".equals(event.path("event").asText()) && event.has("changed")) {
                    changed = event.get("changed").asInt();
                }
            } catch (IOException notJson) {
                // a line that only looks like an event: no count
            }
        }
    }
}
