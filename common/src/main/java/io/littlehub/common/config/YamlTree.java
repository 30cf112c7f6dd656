package io.littlehub.common.config;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads YAML text into {@link YamlNode}s with line numbers. Syntax errors and duplicate keys (which plain loading
 * silently resolves to the last one) come back as problems.
 */
final class YamlTree {
    record Parsed(YamlNode root, List<ConfigProblem> problems) {}

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final ScalarReader scalars = new ScalarReader();

    private YamlTree() {}

    /** The document (null when the text holds none), or the syntax problem that stopped reading it. */
    static Parsed parse(String text) {
        YamlTree tree = new YamlTree();
        Node node;
        try {
            node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null
                    ? e.getProblemMark().getLine() + 1
                    : e.getContextMark() != null ? e.getContextMark().getLine() + 1 : 1;
            int started = e.getContextMark() != null ? e.getContextMark().getLine() + 1 : line;
            if (e.getProblem() != null && e.getProblem().contains("end of stream")) {
                line = started; // the end of the file says little; where the unclosed quote or bracket began does
            }
            return new Parsed(null, List.of(new ConfigProblem("", line, syntaxMessage(e.getProblem(), started, line))));
        } catch (YAMLException e) {
            return new Parsed(null, List.of(new ConfigProblem("", 1, "not valid YAML: " + e.getMessage())));
        }
        YamlNode root = node == null ? null : tree.convert(node, "");
        return new Parsed(root, tree.problems);
    }

    /** snakeyaml's problem, with the usual cause and its fix; {@code started}: where the broken construct began. */
    static String syntaxMessage(String problem, int started, int line) {
        String p = problem == null ? "unreadable" : problem.strip();
        if (p.contains("\\t") || p.contains("\t")) {
            return "not valid YAML (a tab character): indent with spaces, not tabs";
        }
        String hint;
        if (p.contains("expected ',' or ']'")) {
            hint = "a [ list is not closed with ]";
        } else if (p.contains("expected ',' or '}'")) {
            hint = "a { mapping is not closed with }";
        } else if (p.contains("mapping values are not allowed")) {
            hint = "check the indentation, and put a value that contains \": \" in quotes";
        } else if (p.contains("found unexpected end of stream") || p.contains("found unexpected document end")) {
            hint = "a quote or bracket is not closed";
        } else if (p.contains("expected a single document") || p.contains("found another document")) {
            return "not valid YAML (more than one document): keep one, and remove the \"---\" line";
        } else {
            hint = "check the indentation, quotes and brackets on this line and the one before";
        }
        return "not valid YAML (" + p + "): " + hint + (started < line ? " (it starts on line " + started + ")" : "");
    }

    private YamlNode convert(Node node, String path) {
        int line = node.getStartMark().getLine() + 1;
        if (node instanceof MappingNode m) {
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                int keyLine = t.getKeyNode().getStartMark().getLine() + 1;
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    problems.add(new ConfigProblem(path, keyLine, "a key must be a plain name, like memory"));
                    continue;
                }
                String key = k.getValue();
                String keyPath = path.isEmpty() ? key : path + "." + key;
                YamlNode.Entry earlier = entries.remove(key);
                if (earlier != null) {
                    problems.add(new ConfigProblem(
                            keyPath,
                            keyLine,
                            "duplicate key (also on line " + earlier.keyLine() + "): keep only one of them"));
                }
                entries.put(key, new YamlNode.Entry(keyLine, convert(t.getValueNode(), keyPath)));
            }
            return new YamlNode.Mapping(line, entries);
        }
        if (node instanceof SequenceNode s) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : s.getValue()) {
                items.add(convert(item, path));
            }
            return new YamlNode.Sequence(line, items);
        }
        ScalarNode scalar = (ScalarNode) node;
        return new YamlNode.Scalar(line, scalars.value(scalar), scalar.getValue());
    }

    /** Turns a scalar into the Java value plain loading (HubConfig.load) gives it. */
    private static final class ScalarReader extends SafeConstructor {
        ScalarReader() {
            super(new LoaderOptions());
        }

        Object value(ScalarNode node) {
            try {
                Object v = constructObject(node);
                return v instanceof String
                                || v instanceof Integer
                                || v instanceof Long
                                || v instanceof BigInteger
                                || v instanceof Double
                                || v instanceof Boolean
                                || v == null
                        ? v
                        : node.getValue();
            } catch (YAMLException e) {
                return node.getValue();
            }
        }
    }
}
