package io.littlehub.common.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The {@code config set|unset|add-item|remove-item} edits, as pure functions from config text to config text.
 * Keys are dotted paths (limits.memory); values are read as YAML scalars, so {@code 2G} is text, {@code 0.5} a
 * number and {@code true} a boolean, as in the file. The result is checked by {@link ConfigValidator} before use.
 * Only the edited entry's text changes ({@link YamlSplice}): comments, blank lines and the schema modeline stay. A
 * group or list an edit leaves empty goes too (its parents with it), so no {@code cull: {}} or {@code allowed: []}
 * is left behind; a value already as asked leaves the text as it is.
 */
public final class ConfigEdit {
    private ConfigEdit() {}

    public static Object parseValue(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    public static String set(String yaml, String key, String value) {
        return put(yaml, key, parseValue(value));
    }

    /** Sets {@code key} to a value as it is, not read as YAML: text stays text, even {@code off} or {@code yes}. */
    public static String put(String yaml, String key, Object value) {
        return put(yaml, path(key), value);
    }

    /** {@link #put(String, String, Object)} with the key's parts, which may hold dots (an email map's names). */
    public static String put(String yaml, List<String> path, Object value) {
        Map<String, Object> root = load(yaml);
        if (has(root, path) && Objects.equals(valueAt(root, path), value)) {
            return yaml;
        }
        return new YamlSplice(yaml).put(path, value);
    }

    public static String unset(String yaml, String key) {
        List<String> path = path(key);
        if (!has(load(yaml), path)) {
            throw new IllegalArgumentException(key + " is not set in the config file, so there is nothing to unset");
        }
        return without(yaml, path);
    }

    /** The text without {@code path}, and without the groups that held only it; the same text when it is not set. */
    public static String without(String yaml, List<String> path) {
        Map<String, Object> root = load(yaml);
        if (!has(root, path)) {
            return yaml;
        }
        List<String> gone = path;
        while (gone.size() > 1 && ((Map<?, ?>) valueAt(root, gone.subList(0, gone.size() - 1))).size() == 1) {
            gone = gone.subList(0, gone.size() - 1);
        }
        return new YamlSplice(yaml).remove(gone.subList(0, gone.size() - 1), List.of(gone.get(gone.size() - 1)));
    }

    public static String addItem(String yaml, String key, String value) {
        return withItems(yaml, path(key), Collections.singletonList(parseValue(value)));
    }

    /** The text with {@code items} in the list at {@code path} (created when missing); the same text if they are. */
    public static String withItems(String yaml, List<String> path, Collection<?> items) {
        List<?> list = list(load(yaml), path);
        List<Object> missing = new ArrayList<>(new LinkedHashSet<>(items));
        if (list != null) {
            missing.removeAll(list);
        }
        if (missing.isEmpty()) {
            return yaml;
        }
        return list == null ? put(yaml, path, missing) : new YamlSplice(yaml).append(path, missing);
    }

    public static String removeItem(String yaml, String key, String value) {
        List<String> path = path(key);
        List<?> list = list(load(yaml), path);
        if (list == null || !list.contains(parseValue(value))) {
            throw new IllegalArgumentException(value + " is not in " + key + ", so there is nothing to remove");
        }
        return withoutItems(yaml, path, Collections.singletonList(parseValue(value)));
    }

    /** The text without {@code items} in the list at {@code path} (an emptied list goes); the same text if none is. */
    public static String withoutItems(String yaml, List<String> path, Collection<?> items) {
        List<?> list = list(load(yaml), path);
        if (list == null) {
            return yaml;
        }
        List<Integer> gone = IntStream.range(0, list.size())
                .filter(i -> items.contains(list.get(i)))
                .boxed()
                .toList();
        if (gone.isEmpty()) {
            return yaml;
        }
        return gone.size() == list.size() ? without(yaml, path) : new YamlSplice(yaml).removeItems(path, gone);
    }

    /** The text with {@code entries} in the group at {@code path} (created when missing): new keys in one go. */
    public static String withEntries(String yaml, List<String> path, Map<String, ?> entries) {
        Map<?, ?> group = group(load(yaml), path);
        String text = yaml;
        Map<String, Object> added = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : entries.entrySet()) {
            if (group != null && group.containsKey(e.getKey())) {
                text = put(text, concat(path, e.getKey()), e.getValue());
            } else {
                added.put(e.getKey(), e.getValue());
            }
        }
        if (added.isEmpty()) {
            return text;
        }
        return group == null ? put(text, path, added) : new YamlSplice(text).insert(path, added);
    }

    /** The text without {@code keys} in the group at {@code path} (an emptied group goes); the same text if none is. */
    public static String withoutEntries(String yaml, List<String> path, Collection<String> keys) {
        Map<?, ?> group = group(load(yaml), path);
        List<String> gone = group == null
                ? List.of()
                : keys.stream().filter(group::containsKey).distinct().toList();
        if (gone.isEmpty()) {
            return yaml;
        }
        return gone.size() == group.size() ? without(yaml, path) : new YamlSplice(yaml).remove(path, gone);
    }

    /** The effective value at {@code key} (the file over the defaults), or null when there is none. */
    public static Object get(Map<String, Object> effective, String key) {
        Object node = effective;
        for (String part : key.split("\\.")) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return null;
            }
            node = m.get(part);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String yaml) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (doc == null) {
            return new LinkedHashMap<>();
        }
        if (!(doc instanceof Map)) {
            throw new IllegalArgumentException(
                    "the config file is not a YAML mapping: fix it with `littlehub config edit`");
        }
        return (Map<String, Object>) doc;
    }

    private static List<String> path(String key) {
        if (!key.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException(
                    "'" + key + "' is not a config key: use a dotted path like limits.memory");
        }
        return List.of(key.split("\\."));
    }

    /** The mapping that holds {@code path}'s last key (null when a group on the way is missing). */
    private static Map<?, ?> parent(Map<String, Object> root, List<String> path) {
        Map<?, ?> node = root;
        for (int i = 0; i < path.size() - 1 && node != null; i++) {
            Object next = node.get(path.get(i));
            if (next != null && !(next instanceof Map)) {
                throw new IllegalArgumentException(
                        String.join(".", path.subList(0, i + 1)) + " holds a value, not a group of keys");
            }
            node = (Map<?, ?>) next;
        }
        return node;
    }

    private static boolean has(Map<String, Object> root, List<String> path) {
        Map<?, ?> parent = parent(root, path);
        return parent != null && parent.containsKey(path.get(path.size() - 1));
    }

    private static Object valueAt(Map<String, Object> root, List<String> path) {
        Map<?, ?> parent = parent(root, path);
        return parent == null ? null : parent.get(path.get(path.size() - 1));
    }

    /** The group of keys at {@code path}, or null when there is none. */
    private static Map<?, ?> group(Map<String, Object> root, List<String> path) {
        Object current = valueAt(root, path);
        if (current == null || current instanceof Map<?, ?>) {
            return (Map<?, ?>) current;
        }
        throw new IllegalArgumentException(String.join(".", path) + " holds a value, not a group of keys");
    }

    private static List<String> concat(List<String> path, String key) {
        List<String> out = new ArrayList<>(path);
        out.add(key);
        return out;
    }

    /** The list at {@code path}, or null when there is none. */
    private static List<?> list(Map<String, Object> root, List<String> path) {
        Object current = valueAt(root, path);
        if (current == null || current instanceof List<?>) {
            return (List<?>) current;
        }
        throw new IllegalArgumentException(
                String.join(".", path) + " is not a list, so items cannot be added or removed: use config set");
    }

    /** A config as the file holds it: block-style YAML, and an empty file for no settings. */
    public static String dump(Map<String, Object> root) {
        if (root.isEmpty()) {
            return "";
        }
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(o).dump(root);
    }
}
