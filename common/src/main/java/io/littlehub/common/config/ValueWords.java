package io.littlehub.common.config;

import java.math.BigInteger;

/** How values and JSON Schema types are named in messages, in words a teacher knows. */
final class ValueWords {
    private ValueWords() {}

    /** The value as the message shows it: text in quotes, numbers as written, else what kind of thing it is. */
    static String show(YamlNode node, boolean secret) {
        if (secret) {
            return "the value";
        }
        if (node instanceof YamlNode.Mapping) {
            return "a mapping";
        }
        if (node instanceof YamlNode.Sequence) {
            return "a list";
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        if (s.value() == null) {
            return "an empty value";
        }
        return s.value() instanceof String str ? quote(str) : s.text();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** The JSON Schema type names this value has ("integer" values are "number" too). */
    static boolean hasType(YamlNode node, String type) {
        return switch (type) {
            case "object" -> node instanceof YamlNode.Mapping;
            case "array" -> node instanceof YamlNode.Sequence;
            case "string" -> node instanceof YamlNode.Scalar s && s.value() instanceof String;
            case "boolean" -> node instanceof YamlNode.Scalar s && s.value() instanceof Boolean;
            case "null" -> node instanceof YamlNode.Scalar s && s.value() == null;
            case "number" -> number(node) != null;
            case "integer" -> {
                Double d = number(node);
                yield d != null && !d.isInfinite() && d == Math.rint(d);
            }
            default -> throw new IllegalStateException("unknown JSON Schema type " + type);
        };
    }

    /** The value as a number, or null when it is not one. */
    static Double number(YamlNode node) {
        if (node instanceof YamlNode.Scalar s) {
            if (s.value() instanceof Integer || s.value() instanceof Long || s.value() instanceof Double) {
                return ((Number) s.value()).doubleValue();
            }
            if (s.value() instanceof BigInteger b) {
                return b.doubleValue();
            }
        }
        return null;
    }

    /** What a value of this type is called: "is not {noun}". */
    static String noun(String type) {
        return switch (type) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "string" -> "text";
            case "boolean" -> "true or false";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "null" -> "empty";
            default -> type;
        };
    }
}
