package io.littlehub.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Hides the config's secret values (the schema's {@code writeOnly} keys: passwords, OAuth client secrets) wherever a
 * config is shown: {@code config show}, {@code config get}, a change's summary in the history. The secret keys come
 * from the schema, so a new secret key is masked as soon as the schema marks it.
 */
public final class ConfigMask {
    /** What a secret value is shown as. */
    public static final String MASK = "********";

    private final Set<String> secretKeys;

    ConfigMask(Set<String> secretKeys) {
        this.secretKeys = secretKeys;
    }

    /** The mask of the packaged schema. */
    public static ConfigMask packaged() {
        return Packaged.MASK;
    }

    private static final class Packaged {
        static final ConfigMask MASK = new ConfigMask(secretKeys(ConfigSchema.packaged()));
    }

    /** Dotted key paths whose schema is {@code writeOnly}, through properties, $ref and the applicators. */
    static Set<String> secretKeys(ConfigSchema schema) {
        Set<String> out = new TreeSet<>();
        collect(schema, schema.root(), "", out, 0);
        return out;
    }

    private static void collect(ConfigSchema schema, JsonNode node, String path, Set<String> out, int depth) {
        if (depth > 32 || !node.isObject()) {
            return;
        }
        if (node.path("writeOnly").asBoolean(false)) {
            out.add(path);
        }
        if (node.has("$ref")) {
            collect(schema, schema.resolve(node.get("$ref").asText()), path, out, depth + 1);
        }
        node.path("properties")
                .fields()
                .forEachRemaining(p -> collect(
                        schema, p.getValue(), path.isEmpty() ? p.getKey() : path + "." + p.getKey(), out, depth + 1));
        for (String applicator : List.of("allOf", "anyOf", "oneOf")) {
            node.path(applicator).forEach(sub -> collect(schema, sub, path, out, depth + 1));
        }
        for (String branch : List.of("then", "else")) {
            collect(schema, node.path(branch), path, out, depth + 1);
        }
    }

    public boolean isSecret(String keyPath) {
        return secretKeys.contains(keyPath);
    }

    /** {@code value} of {@code keyPath} as it may be shown: a secret masked, a map with its secrets masked. */
    public Object value(String keyPath, Object value) {
        if (value != null && isSecret(keyPath)) {
            return MASK;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) ->
                    out.put(String.valueOf(k), value(keyPath.isEmpty() ? String.valueOf(k) : keyPath + "." + k, v)));
            return out;
        }
        return value;
    }

    /**
     * The config text with every secret value replaced by {@link #MASK}, everything else (comments, order, layout)
     * as written. A text YAML cannot read is not shown at all: which of its lines holds a secret cannot be told.
     */
    public String text(String yaml) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (YAMLException e) {
            return "# (not shown: the file is not valid YAML, so its secrets cannot be told apart; "
                    + "use --show-secrets to see it)\n";
        }
        List<int[]> ranges = new ArrayList<>();
        scalars(root, "", yaml, ranges);
        ranges.sort(Comparator.comparingInt((int[] r) -> r[0]).reversed());
        StringBuilder out = new StringBuilder(yaml);
        for (int[] r : ranges) {
            out.replace(r[0], r[1], "\"" + MASK + "\"");
        }
        return out.toString();
    }

    /** Character ranges of the secret values under {@code node} (at {@code path}). */
    private void scalars(Node node, String path, String text, List<int[]> ranges) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key) {
                    String keyPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    if (isSecret(keyPath) && t.getValueNode() instanceof ScalarNode secret) {
                        int start = YamlSplice.offset(text, secret.getStartMark());
                        int end = YamlSplice.offset(text, secret.getEndMark());
                        // A block scalar (|, >) ends after its line breaks: they stay.
                        while (end > start && "\r\n".indexOf(text.charAt(end - 1)) >= 0) {
                            end--;
                        }
                        ranges.add(new int[] {start, end});
                    } else {
                        scalars(t.getValueNode(), keyPath, text, ranges);
                    }
                }
            }
        }
    }
}
