package io.littlehub.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private ConfigEdit() {
    }

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
        return new YamlSplice(yaml).remove(gone);
    }

    public static String addItem(String yaml, String key, String value) {
        return withItem(yaml, path(key), parseValue(value));
    }

    /** The text with {@code item} in the list at {@code path} (created when missing); the same text if it is there. */
    public static String withItem(String yaml, List<String> path, Object item) {
        Map<String, Object> root = load(yaml);
        List<?> list = list(root, path);
        if (list == null) {
            return put(yaml, path, new ArrayList<>(List.of(item)));
        }
        return list.contains(item) ? yaml : new YamlSplice(yaml).append(path, item);
    }

    public static String removeItem(String yaml, String key, String value) {
        List<String> path = path(key);
        List<?> list = list(load(yaml), path);
        if (list == null || !list.contains(parseValue(value))) {
            throw new IllegalArgumentException(value + " is not in " + key + ", so there is nothing to remove");
        }
        return withoutItem(yaml, path, parseValue(value));
    }

    /** The text without {@code item} in the list at {@code path} (an emptied list goes); the same text if it is not. */
    public static String withoutItem(String yaml, List<String> path, Object item) {
        List<?> list = list(load(yaml), path);
        int index = list == null ? -1 : list.indexOf(item);
        if (index < 0) {
            return yaml;
        }
        return list.size() == 1 ? without(yaml, path) : new YamlSplice(yaml).removeItem(path, index);
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

    /** The list at {@code path}, or null when there is none. */
    private static List<?> list(Map<String, Object> root, List<String> path) {
        Object current = valueAt(root, path);
        if (current == null || current instanceof List<?>) {
            return (List<?>) current;
        }
        throw new IllegalArgumentException(String.join(".", path)
                + " is not a list, so items cannot be added or removed: use config set");
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
