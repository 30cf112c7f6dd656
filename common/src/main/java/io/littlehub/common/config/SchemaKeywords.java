package io.littlehub.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The JSON Schema keywords {@link ConfigSchema} implements; a schema using any other is refused when loaded. */
final class SchemaKeywords {
    static final Set<String> KEYWORDS = Set.of(
            "$schema",
            "$id",
            "$comment",
            "$defs",
            "$ref",
            "title",
            "description",
            "default",
            "examples",
            "writeOnly",
            "errorMessage",
            "type",
            "enum",
            "const",
            "pattern",
            "minLength",
            "maxLength",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "properties",
            "required",
            "additionalProperties",
            "unevaluatedProperties",
            "propertyNames",
            "items",
            "uniqueItems",
            "allOf",
            "anyOf",
            "if",
            "then");

    private SchemaKeywords() {}

    /** Refuses keywords this interpreter does not implement, so no rule in the schema goes unchecked. */
    static void requireKnown(JsonNode schema, String where) {
        if (schema.isBoolean()) {
            return;
        }
        if (!schema.isObject()) {
            throw new IllegalStateException("the config schema has a non-schema at " + where);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            if (!KEYWORDS.contains(k)) {
                throw new IllegalStateException("the config schema uses \"" + k + "\" at " + where
                        + ", which littlehub's validator does not implement");
            }
            switch (k) {
                case "properties", "$defs" ->
                    f.getValue()
                            .fields()
                            .forEachRemaining(p -> requireKnown(p.getValue(), where + "/" + k + "/" + p.getKey()));
                case "allOf", "anyOf" -> {
                    for (int i = 0; i < f.getValue().size(); i++) {
                        requireKnown(f.getValue().get(i), where + "/" + k + "/" + i);
                    }
                }
                case "items", "additionalProperties", "unevaluatedProperties", "propertyNames", "if", "then" ->
                    requireKnown(f.getValue(), where + "/" + k);
                default -> {}
            }
        }
    }
}
