package io.littlehub.cli.hubs;

import io.littlehub.common.config.ConfigEdit;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The inventory's text ({@code hubs.yaml}, or a shared file given with {@code -i}): read with every refusal naming
 * its line, and changed as text ({@link ConfigEdit}'s splices), so a teacher's comments and layout stay.
 *
 * <pre>
 * current: stats101
 * groups: [autumn]
 * hubs:
 *   stats101:
 *     host: 203.0.113.7
 *     port: 22
 *     user: ubuntu
 *     url: http://203.0.113.7/
 *     groups: [autumn]
 *     labels: {course: stats101, term: 2027s}
 * </pre>
 */
public final class InventoryFile {
    /** The first lines of a new inventory: what it is, how to use it. */
    public static final String HEADER = """
            # The hubs littlehub knows (hand-editable). `littlehub provision` adds one; `littlehub hubs` lists them.
            # A hub: host, port (22), user, identity (a key file), url, known_hosts, groups: [declared below], labels: {k: v}
            # Select hubs with --hubs: all, a name, a group, a pattern (stats*), a label (course=stats101), a list (a,b,!c).
            """;

    private static final Set<String> TOP_KEYS = Set.of("current", "groups", "hubs");
    private static final Set<String> HUB_KEYS =
            Set.of("host", "port", "user", "identity", "url", "known_hosts", "groups", "labels");

    private InventoryFile() {}

    /** The inventory in {@code text}; an {@link IllegalArgumentException} naming {@code where} and the line. */
    public static Inventory parse(String text, String where) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new Refused(where, line, "this is not YAML (" + e.getProblem() + ")");
        } catch (YAMLException e) {
            throw new Refused(where, 0, "this is not YAML (" + e.getMessage() + ")");
        }
        if (root == null) {
            return Inventory.empty();
        }
        MappingNode top = mapping(root, where, "the inventory");
        Map<String, Node> keys = keys(top, where, TOP_KEYS, "the inventory");
        List<String> groups = keys.containsKey("groups") ? names(keys.get("groups"), where, "groups") : List.of();
        Map<String, Hub> hubs = new LinkedHashMap<>();
        if (keys.containsKey("hubs")) {
            Map<String, Integer> lines = new HashMap<>();
            for (NodeTuple t : mapping(keys.get("hubs"), where, "hubs").getValue()) {
                String name = scalar(t.getKeyNode(), where, "a hub's name");
                int line = line(t.getKeyNode());
                if (lines.containsKey(name)) {
                    throw new Refused(
                            where,
                            line,
                            "hub " + name + " is already defined on line " + lines.get(name)
                                    + ": give each hub its own name");
                }
                if (groups.contains(name)) {
                    throw new Refused(where, line, name + " is both a hub and a group: rename one of them");
                }
                lines.put(name, line);
                hubs.put(name, hub(name, line, t.getValueNode(), groups, where));
            }
        }
        String current = keys.containsKey("current") ? scalar(keys.get("current"), where, "current") : null;
        if (current != null && !hubs.containsKey(current)) {
            throw new Refused(
                    where,
                    line(keys.get("current")),
                    "current: " + current + " is no hub of this inventory" + " (hubs: "
                            + String.join(", ", hubs.keySet()) + ")");
        }
        return new Inventory(current, hubs, groups);
    }

    private static Hub hub(String name, int nameLine, Node node, List<String> declared, String where) {
        String what = "hub " + name;
        Map<String, Node> keys = keys(mapping(node, where, what), where, HUB_KEYS, what);
        if (!keys.containsKey("host")) {
            throw new Refused(where, nameLine, what + " has no host: add `host: ADDRESS`");
        }
        int port = 22;
        if (keys.containsKey("port")) {
            String text = scalar(keys.get("port"), where, what + "'s port");
            try {
                port = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new Refused(
                        where, line(keys.get("port")), what + ": port " + text + " is not a port (1 to 65535)");
            }
        }
        List<String> groups =
                keys.containsKey("groups") ? names(keys.get("groups"), where, what + "'s groups") : List.of();
        for (String g : groups) {
            if (!declared.contains(g)) {
                throw new Refused(
                        where,
                        line(keys.get("groups")),
                        what + " is in group " + g
                                + ", which the inventory does not declare: add it to `groups:` at the top"
                                + (declared.isEmpty() ? "" : " (declared: " + String.join(", ", declared) + ")"));
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (keys.containsKey("labels")) {
            for (NodeTuple t :
                    mapping(keys.get("labels"), where, what + "'s labels").getValue()) {
                labels.put(
                        scalar(t.getKeyNode(), where, "a label"),
                        scalar(t.getValueNode(), where, what + "'s label " + scalar(t.getKeyNode(), where, "")));
            }
        }
        return new Hub(
                name,
                scalar(keys.get("host"), where, what + "'s host"),
                port,
                optional(keys, "user", where, what),
                optional(keys, "identity", where, what),
                optional(keys, "url", where, what),
                optional(keys, "known_hosts", where, what),
                groups,
                labels);
    }

    /** {@code text} with {@code hub} added (or its entry replaced) and made the current hub. */
    public static String withHub(String text, Hub hub) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("host", hub.host());
        entry.put("port", hub.port());
        putIfSet(entry, "user", hub.user());
        putIfSet(entry, "identity", hub.identity());
        putIfSet(entry, "url", hub.url());
        putIfSet(entry, "known_hosts", hub.knownHosts());
        if (!hub.groups().isEmpty()) {
            entry.put("groups", hub.groups());
        }
        if (!hub.labels().isEmpty()) {
            entry.put("labels", new LinkedHashMap<>(hub.labels()));
        }
        // Key by key: an entry's other keys, comments and layout stay as the teacher wrote them.
        String with = ConfigEdit.withEntries(text, List.of("hubs", hub.name()), entry);
        return ConfigEdit.put(with, List.of("current"), hub.name());
    }

    private static void putIfSet(Map<String, Object> entry, String key, String value) {
        if (value != null) {
            entry.put(key, value);
        }
    }

    private static MappingNode mapping(Node node, String where, String what) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw new Refused(where, line(node), what + " must be a map of `key: value` lines");
    }

    private static Map<String, Node> keys(MappingNode node, String where, Set<String> allowed, String what) {
        Map<String, Node> keys = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            String key = scalar(t.getKeyNode(), where, "a key");
            if (!allowed.contains(key)) {
                throw new Refused(
                        where,
                        line(t.getKeyNode()),
                        what + " has no key " + key + " (known: "
                                + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (keys.containsKey(key)) {
                throw new Refused(where, line(t.getKeyNode()), what + " has " + key + " twice");
            }
            keys.put(key, t.getValueNode());
        }
        return keys;
    }

    private static List<String> names(Node node, String where, String what) {
        if (node instanceof ScalarNode) {
            return List.of(scalar(node, where, what));
        }
        if (!(node instanceof SequenceNode s)) {
            throw new Refused(where, line(node), what + " must be a list, like [autumn, stats]");
        }
        List<String> names = new ArrayList<>();
        for (Node item : s.getValue()) {
            String name = scalar(item, where, what);
            if (names.contains(name)) {
                throw new Refused(where, line(item), what + " lists " + name + " twice");
            }
            names.add(name);
        }
        return names;
    }

    private static String optional(Map<String, Node> keys, String key, String where, String what) {
        return keys.containsKey(key) ? scalar(keys.get(key), where, what + "'s " + key) : null;
    }

    private static String scalar(Node node, String where, String what) {
        if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
            return s.getValue();
        }
        throw new Refused(where, line(node), what + " must be one plain value");
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** A refused inventory: the file, the line, what is wrong and how to fix it. */
    public static final class Refused extends IllegalArgumentException {
        Refused(String where, int line, String problem) {
            super((line > 0 ? where + " line " + line : where) + ": " + problem);
        }
    }
}
