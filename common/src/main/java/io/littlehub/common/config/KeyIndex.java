package io.littlehub.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every key the schema declares, by name, with where it lives and under which condition (like "type: ldap"), so an
 * unknown key can be pointed to the place it belongs: {@code memory} at the top is {@code limits.memory}.
 */
final class KeyIndex {
    /** A declared key: its full path, and the if-condition of the branch declaring it (null when always allowed). */
    record Place(String path, String condition) {}

    private final Map<String, List<Place>> byName = new HashMap<>();
    private final Function<String, JsonNode> resolve;

    KeyIndex(JsonNode root, Function<String, JsonNode> resolve) {
        this.resolve = resolve;
        walk(root, "", null, 0);
    }

    List<Place> places(String name) {
        return byName.getOrDefault(name, List.of());
    }

    private void walk(JsonNode schema, String path, String condition, int depth) {
        if (depth > 32 || !schema.isObject()) {
            return;
        }
        if (schema.has("$ref")) {
            walk(resolve.apply(schema.get("$ref").asText()), path, condition, depth + 1);
        }
        schema.path("properties").fields().forEachRemaining(p -> {
            String full = path.isEmpty() ? p.getKey() : path + "." + p.getKey();
            byName.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(new Place(full, condition));
            walk(p.getValue(), full, null, depth + 1);
        });
        schema.path("allOf").forEach(sub -> walk(sub, path, condition, depth + 1));
        if (schema.has("then")) {
            walk(schema.get("then"), path, ConfigSchema.condition(schema.path("if")), depth + 1);
        }
    }
}
