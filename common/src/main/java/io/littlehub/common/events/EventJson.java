package io.littlehub.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The events as JSON, one object per line, as the agent writes them and the laptop reads them (and {@code --json}
 * users see them): the kind of event in {@code "event"}, durations in milliseconds ({@code "ms"}), enums in lower case,
 * a task's start named by its kind ({@code "task"} or {@code "handler"}), {@code diff} and {@code error} only when set.
 */
public final class EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {}

    public static String write(Event event) {
        ObjectNode n = JSON.createObjectNode();
        if (event instanceof Event.Start s) {
            n.put("event", "start")
                    .put("playbook", s.playbook())
                    .put("tasks", s.tasks())
                    .put("check", s.check());
        } else if (event instanceof Event.TaskStarted t) {
            n.put("event", t.kind().wire()).put("index", t.index()).put("name", t.name());
        } else if (event instanceof Event.Progress p) {
            n.put("event", "progress").put("index", p.index()).put("line", p.line());
        } else if (event instanceof Event.TaskResult r) {
            n.put("event", "result")
                    .put("index", r.index())
                    .put("name", r.name())
                    .put("kind", r.kind().wire())
                    .put("status", r.status().wire())
                    .put("ms", r.duration().toMillis());
            ArrayNode actions = n.putArray("actions");
            r.actions().forEach(actions::add);
            if (r.diff() != null) {
                n.put("diff", r.diff());
            }
            if (r.error() != null) {
                n.put("error", r.error());
            }
        } else if (event instanceof Event.Note note) {
            n.put("event", "note").put("message", note.message());
        } else if (event instanceof Event.Recap r) {
            n.put("event", "recap")
                    .put("ok", r.ok())
                    .put("changed", r.changed())
                    .put("failed", r.failed())
                    .put("ms", r.duration().toMillis());
        }
        return n.toString();
    }

    /** One line back into its event; IllegalArgumentException naming what is wrong when it is not one. */
    public static Event read(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + line, e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object: " + line);
        }
        String event = text(n, "event");
        return switch (event) {
            case "start" ->
                new Event.Start(
                        text(n, "playbook"),
                        number(n, "tasks").intValue(),
                        field(n, "check").asBoolean());
            case "task", "handler" ->
                new Event.TaskStarted(
                        number(n, "index").intValue(),
                        text(n, "name"),
                        Event.Kind.valueOf(event.toUpperCase(Locale.ROOT)));
            case "progress" -> new Event.Progress(number(n, "index").intValue(), text(n, "line"));
            case "result" ->
                new Event.TaskResult(
                        number(n, "index").intValue(),
                        text(n, "name"),
                        named(Event.Kind.class, text(n, "kind")),
                        named(Event.Status.class, text(n, "status")),
                        millis(n),
                        strings(n, "actions"),
                        optionalText(n, "diff"),
                        optionalText(n, "error"));
            case "note" -> new Event.Note(text(n, "message"));
            case "recap" ->
                new Event.Recap(
                        number(n, "ok").intValue(),
                        number(n, "changed").intValue(),
                        number(n, "failed").intValue(),
                        millis(n));
            default -> throw new IllegalArgumentException("unknown event \"" + event + "\": " + line);
        };
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("event without \"" + name + "\": " + n);
        }
        return v;
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a string: " + n);
        }
        return v.asText();
    }

    private static String optionalText(JsonNode n, String name) {
        return n.hasNonNull(name) ? text(n, name) : null;
    }

    private static Number number(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isIntegralNumber()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a whole number: " + n);
        }
        return v.numberValue();
    }

    private static Duration millis(JsonNode n) {
        return Duration.ofMillis(number(n, "ms").longValue());
    }

    private static List<String> strings(JsonNode n, String name) {
        List<String> out = new ArrayList<>();
        JsonNode v = n.get(name);
        if (v != null && v.isArray()) {
            v.forEach(item -> out.add(item.asText()));
        }
        return out;
    }

    private static <E extends Enum<E>> E named(Class<E> type, String wire) {
        try {
            return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " \"" + wire + "\"", e);
        }
    }
}
