package io.littlehub.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a YAML document against schema/littlehub-config.schema.json, the one place the config's rules live. It
 * interprets the JSON Schema 2020-12 keywords that file uses (listed in {@link SchemaKeywords#KEYWORDS}; a schema using any other
 * is refused when loaded, so a rule can't be silently ignored) and words every failure for a teacher: the key path,
 * the line, what is wrong and what to write instead. {@code errorMessage} (the keyword VS Code's language servers
 * read too) replaces the failures of its own subschema at its own location; {@code writeOnly} values (passwords,
 * secrets) are never shown.
 */
final class ConfigSchema {
    static final String RESOURCE = "/io/littlehub/common/schema/littlehub-config.schema.json";

    private static final String ITEM = "[]";

    private final JsonNode root;
    private final KeyIndex keys;
    private final Map<String, Pattern> patterns = new HashMap<>();

    private ConfigSchema(JsonNode root) {
        this.root = root;
        SchemaKeywords.requireKnown(root, "#");
        this.keys = new KeyIndex(root, this::resolve);
    }

    /** The schema packaged in the agent jar. */
    static ConfigSchema packaged() {
        return Packaged.SCHEMA;
    }

    static ConfigSchema parse(String json) {
        try {
            return new ConfigSchema(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("the config schema is not valid JSON", e);
        }
    }

    JsonNode root() {
        return root;
    }

    List<ConfigProblem> check(YamlNode doc) {
        List<ConfigProblem> out = new ArrayList<>();
        validate(root, doc, "", doc.line(), new Scope(), null, false, out);
        // List items carry ITEM in their path while checking, so a list's errorMessage does not swallow theirs;
        // messages name the list (the line tells which item).
        return out.stream()
                .map(p -> new ConfigProblem(p.path().replace(ITEM, ""), p.line(), p.message()))
                .toList();
    }

    /** Property names an object declared, and which of the instance's keys some applied subschema evaluated. */
    private static final class Scope {
        final Set<String> known = new LinkedHashSet<>();
        final Set<String> evaluated = new LinkedHashSet<>();

        void addAll(Scope other) {
            known.addAll(other.known);
            evaluated.addAll(other.evaluated);
        }
    }

    private void validate(
            JsonNode schema,
            YamlNode node,
            String path,
            int line,
            Scope scope,
            String when,
            boolean secret,
            List<ConfigProblem> out) {
        List<ConfigProblem> mine = new ArrayList<>();
        boolean hidden = secret || schema.path("writeOnly").asBoolean(false);
        if (schema.has("$ref")) {
            validate(resolve(schema.get("$ref").asText()), node, path, line, scope, when, hidden, mine);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), node)) {
            mine.add(new ConfigProblem(path, line, typeMessage(schema, node, path, hidden)));
        } else {
            values(schema, node, path, line, hidden, mine);
            if (node instanceof YamlNode.Mapping m) {
                object(schema, m, path, line, scope, when, mine);
            }
            if (node instanceof YamlNode.Sequence s) {
                array(schema, s, path, hidden, mine);
            }
            applicators(schema, node, path, line, scope, when, hidden, mine);
            if (node instanceof YamlNode.Mapping m
                    && schema.path("unevaluatedProperties").isBoolean()
                    && !schema.get("unevaluatedProperties").asBoolean()
                    && !discriminatorFailed(schema, path, mine)) {
                unknownKeys(m, path, scope.evaluated, scope.known, mine);
            }
        }
        if (schema.has("errorMessage")) {
            mine = withErrorMessage(schema.get("errorMessage").asText(), node, path, line, hidden, mine);
        }
        out.addAll(mine);
    }

    // --- keywords on the value itself --------------------------------------------------------------------------------

    private void values(
            JsonNode schema, YamlNode node, String path, int line, boolean hidden, List<ConfigProblem> out) {
        String shown = ValueWords.show(node, hidden);
        if (schema.has("enum")) {
            List<String> choices = new ArrayList<>();
            boolean found = false;
            for (JsonNode choice : schema.get("enum")) {
                choices.add(choice.asText());
                found |= sameValue(choice, node);
            }
            if (!found) {
                Optional<String> guess = node instanceof YamlNode.Scalar s && s.value() != null
                        ? DidYouMean.closest(s.text(), choices)
                        : Optional.empty();
                out.add(new ConfigProblem(
                        path,
                        line,
                        shown + " is not allowed here: "
                                + guess.map(g -> "did you mean " + g + "? (one of " + String.join(", ", choices) + ")")
                                        .orElse("use one of " + String.join(", ", choices))));
            }
        }
        if (schema.has("const") && !sameValue(schema.get("const"), node)) {
            out.add(new ConfigProblem(
                    path,
                    line,
                    shown + " is not allowed here: use " + schema.get("const").asText()));
        }
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String text) {
            if (schema.has("pattern")
                    && !pattern(schema.get("pattern").asText()).matcher(text).find()) {
                out.add(new ConfigProblem(path, line, shown + " is not in the expected form"));
            }
            int length = text.codePointCount(0, text.length());
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                int min = schema.get("minLength").asInt();
                out.add(new ConfigProblem(
                        path,
                        line,
                        length == 0
                                ? "is empty: fill it in"
                                : shown + " is too short (" + length + " characters): use at least " + min
                                        + " characters"));
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                out.add(new ConfigProblem(
                        path,
                        line,
                        shown + " is too long (" + length + " characters): use at most "
                                + schema.get("maxLength").asInt() + " characters"));
            }
        }
        Double number = ValueWords.number(node);
        if (number != null) {
            if (schema.has("minimum") && number < schema.get("minimum").asDouble()) {
                out.add(new ConfigProblem(
                        path,
                        line,
                        shown + " is too small: use " + schema.get("minimum").asText() + " or more"));
            }
            if (schema.has("exclusiveMinimum")
                    && number <= schema.get("exclusiveMinimum").asDouble()) {
                out.add(new ConfigProblem(
                        path,
                        line,
                        shown + " is too small: use more than "
                                + schema.get("exclusiveMinimum").asText()));
            }
            if (schema.has("maximum") && number > schema.get("maximum").asDouble()) {
                out.add(new ConfigProblem(
                        path,
                        line,
                        shown + " is too large: use " + schema.get("maximum").asText() + " or less"));
            }
        }
    }

    // --- objects and arrays
    // --------------------------------------------------------------------------------------------

    private void object(
            JsonNode schema,
            YamlNode.Mapping m,
            String path,
            int line,
            Scope scope,
            String when,
            List<ConfigProblem> out) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        Set<String> declared = new LinkedHashSet<>();
        properties.fieldNames().forEachRemaining(declared::add);
        // Suggested and listed: the declared keys but the replaced ones (enum: []), which are refused by name.
        Set<String> current = new LinkedHashSet<>(declared);
        current.removeIf(k -> properties.get(k).path("enum").isArray()
                && properties.get(k).path("enum").isEmpty());
        scope.known.addAll(current);
        for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
            String key = e.getKey();
            String keyPath = join(path, key);
            int keyLine = e.getValue().keyLine();
            if (schema.has("propertyNames")) {
                validate(
                        schema.get("propertyNames"),
                        new YamlNode.Scalar(keyLine, key, key),
                        keyPath,
                        keyLine,
                        new Scope(),
                        null,
                        false,
                        out);
            }
            if (declared.contains(key)) {
                scope.evaluated.add(key);
                validate(properties.get(key), e.getValue().value(), keyPath, keyLine, new Scope(), null, false, out);
            } else if (additional.isObject()) {
                scope.evaluated.add(key);
                validate(additional, e.getValue().value(), keyPath, keyLine, new Scope(), null, false, out);
            }
        }
        if (additional.isBoolean() && !additional.asBoolean()) {
            unknownKeys(m, path, declared, current, out);
        }
        if (schema.has("required")) {
            List<String> missing = new ArrayList<>();
            schema.get("required").forEach(r -> {
                if (!m.entries().containsKey(r.asText())) {
                    missing.add(r.asText());
                }
            });
            if (!missing.isEmpty()) {
                out.add(new ConfigProblem(
                        path,
                        line,
                        "needs " + words(missing) + (when == null ? "" : " with " + when)
                                + ": add "
                                + (missing.size() == 1
                                        ? "a \"" + missing.get(0) + ":\" line"
                                        : words(missing.stream()
                                                        .map(k -> "\"" + k + ":\"")
                                                        .toList()) + " lines")
                                + " under " + last(path)));
            }
        }
    }

    private void unknownKeys(
            YamlNode.Mapping m, String path, Set<String> allowed, Set<String> known, List<ConfigProblem> out) {
        for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                out.add(new ConfigProblem(
                        join(path, e.getKey()),
                        e.getValue().keyLine(),
                        "unknown key; " + unknownKeyHint(e.getKey(), path, known)));
            }
        }
    }

    /**
     * A close sibling; else a key of that name deeper in this same section (a top-level {@code memory} is
     * {@code limits.memory}); else the keys allowed here. Never a key of another section: {@code services.cull.users}
     * is no misspelt {@code users} or {@code limits.users}.
     */
    private String unknownKeyHint(String key, String path, Set<String> known) {
        Optional<String> sibling = DidYouMean.closest(key, known);
        if (sibling.isPresent()) {
            return "did you mean " + join(path, sibling.get()) + "?";
        }
        String section = path.replace(ITEM, "");
        String here = join(section, key);
        List<KeyIndex.Place> places = keys.places(key);
        List<String> branches = places.stream()
                .filter(p -> p.path().equals(here) && p.condition() != null)
                .map(KeyIndex.Place::condition)
                .distinct()
                .toList();
        List<String> elsewhere = places.stream()
                .map(KeyIndex.Place::path)
                .filter(p -> !p.equals(here) && (section.isEmpty() || p.startsWith(section + ".")))
                .distinct()
                .toList();
        String list = known.isEmpty() ? "remove it" : "the keys here are " + String.join(", ", known);
        if (!branches.isEmpty()) {
            return "it is a setting of " + String.join(" or ", branches) + "; " + list;
        }
        if (!elsewhere.isEmpty() && elsewhere.size() <= 2) {
            return "did you mean " + String.join(" or ", elsewhere) + "?";
        }
        return list;
    }

    private void array(JsonNode schema, YamlNode.Sequence s, String path, boolean hidden, List<ConfigProblem> out) {
        if (schema.has("items")) {
            for (YamlNode item : s.items()) {
                validate(schema.get("items"), item, path + ITEM, item.line(), new Scope(), null, hidden, out);
            }
        }
        if (schema.path("uniqueItems").asBoolean(false)) {
            Map<Object, Integer> seen = new HashMap<>();
            for (YamlNode item : s.items()) {
                if (item instanceof YamlNode.Scalar sc) {
                    Integer first = seen.putIfAbsent(sc.value() == null ? "null" : sc.value(), sc.line());
                    if (first != null) {
                        out.add(new ConfigProblem(
                                path,
                                sc.line(),
                                ValueWords.show(sc, hidden) + " is listed twice (also on line " + first
                                        + "): keep one"));
                    }
                }
            }
        }
    }

    // --- allOf, anyOf, if/then
    // -------------------------------------------------------------------------------------------

    private void applicators(
            JsonNode schema,
            YamlNode node,
            String path,
            int line,
            Scope scope,
            String when,
            boolean hidden,
            List<ConfigProblem> out) {
        for (JsonNode sub : schema.path("allOf")) {
            validate(sub, node, path, line, scope, when, hidden, out);
        }
        if (schema.has("anyOf")) {
            List<ConfigProblem> firstFailure = null;
            for (JsonNode branch : schema.get("anyOf")) {
                List<ConfigProblem> tried = new ArrayList<>();
                Scope branchScope = new Scope();
                validate(branch, node, path, line, branchScope, when, hidden, tried);
                if (tried.isEmpty()) {
                    scope.addAll(branchScope);
                    firstFailure = null;
                    break;
                }
                if (firstFailure == null) {
                    firstFailure = tried;
                }
            }
            if (firstFailure != null) {
                out.addAll(firstFailure);
            }
        }
        if (schema.has("if")) {
            Scope ifScope = new Scope();
            List<ConfigProblem> condition = new ArrayList<>();
            validate(schema.get("if"), node, path, line, ifScope, when, hidden, condition);
            if (condition.isEmpty()) {
                scope.addAll(ifScope);
                if (schema.has("then")) {
                    validate(schema.get("then"), node, path, line, scope, condition(schema.get("if")), hidden, out);
                }
            }
        }
    }

    /** "type: github" for {@code if: {properties: {type: {const: github}}}}: why a then-branch's rules apply. */
    static String condition(JsonNode ifSchema) {
        List<String> parts = new ArrayList<>();
        ifSchema.path("properties").fields().forEachRemaining(f -> {
            if (f.getValue().has("const")) {
                parts.add(f.getKey() + ": " + f.getValue().get("const").asText());
            }
        });
        return parts.isEmpty() ? null : String.join(" and ", parts);
    }

    /** When the key that picks the branch (auth.type) is itself wrong, which other keys belong is unknown. */
    private static boolean discriminatorFailed(JsonNode schema, String path, List<ConfigProblem> problems) {
        Set<String> keys = new LinkedHashSet<>();
        List<JsonNode> conditions = new ArrayList<>();
        conditions.add(schema.path("if"));
        schema.path("allOf").forEach(sub -> conditions.add(sub.path("if")));
        conditions.forEach(c -> c.path("properties").fieldNames().forEachRemaining(keys::add));
        return problems.stream()
                .anyMatch(p -> keys.stream().anyMatch(k -> p.path().equals(join(path, k))));
    }

    // --- messages
    // -------------------------------------------------------------------------------------------------------

    private List<ConfigProblem> withErrorMessage(
            String message, YamlNode node, String path, int line, boolean hidden, List<ConfigProblem> problems) {
        List<ConfigProblem> result = new ArrayList<>();
        boolean replaced = false;
        for (ConfigProblem p : problems) {
            if (!p.path().equals(path)) {
                result.add(p);
            } else if (!replaced) {
                result.add(new ConfigProblem(
                        path,
                        line,
                        node instanceof YamlNode.Mapping ? message : ValueWords.show(node, hidden) + " " + message));
                replaced = true;
            }
        }
        return result;
    }

    private static String typeMessage(JsonNode schema, YamlNode node, String path, boolean hidden) {
        List<String> types = new ArrayList<>();
        if (schema.get("type").isArray()) {
            schema.get("type").forEach(t -> types.add(t.asText()));
        } else {
            types.add(schema.get("type").asText());
        }
        if (path.isEmpty()) {
            return "the config is " + ValueWords.show(node, false)
                    + ", but must be \"key: value\" lines, like \"base_url: /\"";
        }
        String first = types.get(0);
        if (node instanceof YamlNode.Scalar s && s.value() == null) {
            return "has no value: "
                    + switch (first) {
                        case "array" -> "write [] for none, or remove the line";
                        case "object" -> "write {} for none, or remove the line";
                        default -> "fill it in, or remove the line";
                    };
        }
        String text = node instanceof YamlNode.Scalar s && !hidden ? s.text() : null;
        String fix = switch (first) {
            case "object" -> "write \"key: value\" lines indented under " + last(path);
            case "array" ->
                text != null
                        ? "write it in brackets, like [" + text + "]"
                        : "write [a, b], or one \"- item\" line per entry";
            case "string" -> text != null ? "put it in quotes, like \"" + text + "\"" : "put it in quotes";
            case "boolean" -> "write true or false";
            case "integer" -> "write digits only" + like(schema);
            case "number" -> "write a number" + like(schema);
            default -> "write " + ValueWords.noun(first);
        };
        return ValueWords.show(node, hidden) + " is not "
                + String.join(" or ", types.stream().map(ValueWords::noun).toList()) + ": " + fix;
    }

    private static String like(JsonNode schema) {
        return schema.path("default").isNumber()
                ? ", like " + schema.get("default").asText()
                : "";
    }

    private static String words(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String last(String path) {
        String p = path.replace(ITEM, "");
        return p.isEmpty() ? "the top of the file" : p.substring(p.lastIndexOf('.') + 1);
    }

    // --- helpers
    // ---------------------------------------------------------------------------------------------------------

    private static boolean typeMatches(JsonNode type, YamlNode node) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (ValueWords.hasType(node, t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return ValueWords.hasType(node, type.asText());
    }

    private static boolean sameValue(JsonNode expected, YamlNode node) {
        if (!(node instanceof YamlNode.Scalar s)) {
            return false;
        }
        if (expected.isNull()) {
            return s.value() == null;
        }
        if (expected.isTextual()) {
            return expected.asText().equals(s.value());
        }
        if (expected.isBoolean()) {
            return Boolean.valueOf(expected.asBoolean()).equals(s.value());
        }
        Double n = ValueWords.number(node);
        return expected.isNumber() && n != null && n == expected.asDouble();
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, r -> Pattern.compile(ecmaDollar(r)));
    }

    /**
     * JSON Schema patterns are ECMA-262, where {@code $} is the very end; in Java it also matches before a final line
     * break, which would let "ada\n" pass as a user name. So an unescaped {@code $} outside [...] becomes {@code \z}.
     */
    static String ecmaDollar(String regex) {
        StringBuilder b = new StringBuilder();
        boolean escaped = false;
        boolean inClass = false;
        for (char c : regex.toCharArray()) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '$' && !inClass) {
                b.append("\\z");
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("the config schema may only use local $refs (#/...), not " + ref);
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("the config schema refers to " + ref + ", which it does not define");
        }
        return target;
    }

    private static final class Packaged {
        static final ConfigSchema SCHEMA = load();

        private static ConfigSchema load() {
            try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "the config schema is missing from the agent jar (" + RESOURCE + ")");
                }
                return new ConfigSchema(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
