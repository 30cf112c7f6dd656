package io.littlehub.agent.students;

import io.littlehub.common.config.ConfigEdit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The roster commands as edits of the config's {@code users} section: pure, text in and text out, validated and
 * applied by ConfigApply like any other change. The config is the roster's one record:
 * {@code users.allowed} (students), {@code users.admin}, {@code users.banned} (removed students: they cannot sign up
 * again under the same name, whatever the sign-in method) and {@code users.emails}.
 */
public final class RosterEdit {
    private RosterEdit() {
    }

    public record Student(String name, String email, boolean admin) {
    }

    public static String addStudents(String yaml, List<Student> students) {
        return ConfigEdit.edit(yaml, root -> {
            Map<String, Object> users = users(root);
            for (Student s : students) {
                add(users, "allowed", s.name());
                remove(users, "banned", s.name());
                if (s.admin()) {
                    add(users, "admin", s.name());
                }
                if (s.email() != null) {
                    emails(users).put(s.name(), s.email());
                }
            }
            tidy(root, users);
        });
    }

    public static String removeStudents(String yaml, List<String> names) {
        return ConfigEdit.edit(yaml, root -> {
            Map<String, Object> users = users(root);
            for (String name : names) {
                remove(users, "allowed", name);
                remove(users, "admin", name);
                emails(users).remove(name);
                add(users, "banned", name);
            }
            tidy(root, users);
        });
    }

    public static String addAdmins(String yaml, List<String> names) {
        return ConfigEdit.edit(yaml, root -> {
            Map<String, Object> users = users(root);
            for (String name : names) {
                add(users, "admin", name);
                remove(users, "banned", name);
            }
            tidy(root, users);
        });
    }

    /** A former admin stays on the roster as a student. */
    public static String removeAdmins(String yaml, List<String> names) {
        return ConfigEdit.edit(yaml, root -> {
            Map<String, Object> users = users(root);
            for (String name : names) {
                remove(users, "admin", name);
                add(users, "allowed", name);
            }
            tidy(root, users);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> users(Map<String, Object> root) {
        Object users = root.get("users");
        if (users == null) {
            users = new LinkedHashMap<String, Object>();
            root.put("users", users);
        }
        if (!(users instanceof Map)) {
            throw new IllegalArgumentException("users in the config file is not a group of keys: fix it with `littlehub config edit`");
        }
        return (Map<String, Object>) users;
    }

    private static List<Object> list(Map<String, Object> users, String key) {
        Object v = users.get(key);
        if (v != null && !(v instanceof List)) {
            throw new IllegalArgumentException("users." + key + " in the config file is not a list: fix it with `littlehub config edit`");
        }
        List<Object> list = v == null ? new ArrayList<>() : new ArrayList<>((List<?>) v);
        users.put(key, list);
        return list;
    }

    private static void add(Map<String, Object> users, String key, String name) {
        List<Object> list = list(users, key);
        if (!list.contains(name)) {
            list.add(name);
        }
    }

    private static void remove(Map<String, Object> users, String key, String name) {
        list(users, key).remove(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> emails(Map<String, Object> users) {
        Object v = users.get("emails");
        if (v != null && !(v instanceof Map)) {
            throw new IllegalArgumentException("users.emails in the config file is not a mapping: fix it with `littlehub config edit`");
        }
        Map<String, Object> emails = v == null ? new LinkedHashMap<>() : (Map<String, Object>) v;
        users.put("emails", emails);
        return emails;
    }

    /** Empty lists and maps say nothing the defaults do not: leave them out of the file. */
    private static void tidy(Map<String, Object> root, Map<String, Object> users) {
        users.values().removeIf(v -> v instanceof List<?> l && l.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty());
        if (users.isEmpty()) {
            root.remove("users");
        }
    }
}
