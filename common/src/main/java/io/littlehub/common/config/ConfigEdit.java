package io.littlehub.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The {@code config set|unset|add-item|remove-item} edits, as pure functions from config text to config text.
 * Keys are dotted paths (limits.memory); values are read as YAML scalars, so {@code 2G} is text, {@code 0.5} a
 * number and {@code true} a boolean, as in the file. The result is checked by {@link ConfigValidator} before use.
 * Comments in the file do not survive these edits (use {@code config edit} to keep them).
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
        Map<String, Object> root = load(yaml);
        parent(root, key, true).put(last(key), value);
        return dump(root);
    }

    public static String unset(String yaml, String key) {
        Map<String, Object> root = load(yaml);
        Map<String, Object> parent = parent(root, key, false);
        if (parent == null || !parent.containsKey(last(key))) {
            throw new IllegalArgumentException(key + " is not set in the config file, so there is nothing to unset");
        }
        parent.remove(last(key));
        return dump(root);
    }

    public static String addItem(String yaml, String key, String value) {
        Map<String, Object> root = load(yaml);
        Map<String, Object> parent = parent(root, key, true);
        List<Object> list = list(parent.get(last(key)), key);
        Object item = parseValue(value);
        if (!list.contains(item)) {
            list.add(item);
        }
        parent.put(last(key), list);
        return dump(root);
    }

    public static String removeItem(String yaml, String key, String value) {
        Map<String, Object> root = load(yaml);
        Map<String, Object> parent = parent(root, key, false);
        List<Object> list = parent == null ? new ArrayList<>() : list(parent.get(last(key)), key);
        if (!list.remove(parseValue(value))) {
            throw new IllegalArgumentException(value + " is not in " + key + ", so there is nothing to remove");
        }
        parent.put(last(key), list);
        return dump(root);
    }

    /** Any edit of the file's mapping (the roster commands' several lists at once), as text to text. */
    public static String edit(String yaml, java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> root = load(yaml);
        change.accept(root);
        return dump(root);
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
            throw new IllegalArgumentException("the config file is not a YAML mapping: fix it with `littlehub config edit`");
        }
        return (Map<String, Object>) doc;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(Map<String, Object> root, String key, boolean create) {
        if (!key.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException("'" + key + "' is not a config key: use a dotted path like limits.memory");
        }
        String[] parts = key.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = node.get(parts[i]);
            if (next == null && create) {
                next = new LinkedHashMap<String, Object>();
                node.put(parts[i], next);
            }
            if (next == null) {
                return null;
            }
            if (!(next instanceof Map)) {
                throw new IllegalArgumentException(String.join(".", java.util.Arrays.copyOf(parts, i + 1)) + " holds a value, not a group of keys");
            }
            node = (Map<String, Object>) next;
        }
        return node;
    }

    private static String last(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private static List<Object> list(Object current, String key) {
        if (current == null) {
            return new ArrayList<>();
        }
        if (current instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new IllegalArgumentException(key + " is not a list, so items cannot be added or removed: use config set");
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
