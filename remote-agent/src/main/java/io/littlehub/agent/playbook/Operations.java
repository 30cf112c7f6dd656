package io.littlehub.agent.playbook;

import io.littlehub.agent.config.HubHealth;
import io.littlehub.agent.ops.AptPackages;
import io.littlehub.agent.ops.ClassDataArchive;
import io.littlehub.agent.ops.Directory;
import io.littlehub.agent.ops.DiskQuota;
import io.littlehub.agent.ops.FileContent;
import io.littlehub.agent.ops.Group;
import io.littlehub.agent.ops.GroupAccess;
import io.littlehub.agent.ops.HttpCheck;
import io.littlehub.agent.ops.NpmPackages;
import io.littlehub.agent.ops.Operation;
import io.littlehub.agent.ops.PipPackages;
import io.littlehub.agent.ops.Restart;
import io.littlehub.agent.ops.Secret;
import io.littlehub.agent.ops.Service;
import io.littlehub.agent.ops.Symlink;
import io.littlehub.agent.ops.Tarball;
import io.littlehub.agent.ops.User;
import io.littlehub.agent.ops.Venv;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The operation types a playbook task may use, built from the task's arguments with strict checking. */
final class Operations {
    private Operations() {}

    /** Reads one task's arguments; every read marks a key as known, so leftovers are reported as unknown. */
    static final class Args {
        private final String task;
        private final Map<String, Object> values;
        private final Set<String> used = new java.util.HashSet<>();

        Args(String task, Map<String, Object> values) {
            this.task = task;
            this.values = values == null ? Map.of() : values;
        }

        String string(String key) {
            Object v = values.get(used(key));
            if (v == null) {
                throw new PlaybookError("task '" + task + "': missing '" + key + "'");
            }
            return v.toString();
        }

        String string(String key, String fallback) {
            Object v = values.get(used(key));
            return v == null ? fallback : v.toString();
        }

        boolean bool(String key, boolean fallback) {
            Object v = values.get(used(key));
            if (v == null) {
                return fallback;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw new PlaybookError("task '" + task + "': '" + key + "' must be true or false, not " + v);
        }

        int integer(String key, int fallback) {
            Object v = values.get(used(key));
            if (v == null) {
                return fallback;
            }
            if (v instanceof Integer i) {
                return i;
            }
            throw new PlaybookError("task '" + task + "': '" + key + "' must be a whole number, not " + v);
        }

        int mode(String key, String fallback) {
            Object v = values.getOrDefault(used(key), fallback);
            if (!(v instanceof String s) || !s.matches("0?[0-7]{3,4}")) {
                throw new PlaybookError(
                        "task '" + task + "': '" + key + "' must be a quoted octal string like \"0644\", not " + v);
            }
            return Integer.parseInt(s, 8);
        }

        List<String> strings(String key) {
            Object v = values.get(used(key));
            if (v == null) {
                return List.of();
            }
            if (v instanceof List<?> l) {
                return l.stream().map(Object::toString).toList();
            }
            throw new PlaybookError("task '" + task + "': '" + key + "' must be a list");
        }

        /** Like {@link #strings}, but null when the key is absent (absent and empty mean different things). */
        List<String> optionalStrings(String key) {
            return values.get(key) == null ? null : strings(key);
        }

        Map<String, String> pins(String key) {
            Object v = values.get(used(key));
            if (!(v instanceof Map<?, ?> m) || m.isEmpty()) {
                throw new PlaybookError("task '" + task + "': '" + key + "' must map package names to exact versions");
            }
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, ver) -> out.put(k.toString(), ver.toString()));
            return out;
        }

        /** A map of names to whole numbers (may be empty or absent), like {@code {jupyter-ada: "4194304"}}. */
        Map<String, Long> numbers(String key) {
            Object v = values.get(used(key));
            Map<String, Long> out = new LinkedHashMap<>();
            if (v == null) {
                return out;
            }
            if (!(v instanceof Map<?, ?> m)) {
                throw new PlaybookError("task '" + task + "': '" + key + "' must map names to whole numbers");
            }
            m.forEach((k, n) -> out.put(k.toString(), Long.parseLong(n.toString())));
            return out;
        }

        private String used(String key) {
            used.add(key);
            return key;
        }

        void rejectUnknown() {
            for (String k : values.keySet()) {
                if (!used.contains(k)) {
                    throw new PlaybookError("task '" + task + "': unknown argument '" + k + "'");
                }
            }
        }
    }

    static final Map<String, Function<Args, Operation<?>>> TYPES = Map.ofEntries(
            Map.entry("apt", a -> new AptPackages(a.strings("packages"))),
            Map.entry(
                    "disk_quota",
                    a -> new DiskQuota(
                            a.string("path"),
                            Long.parseLong(a.string("default_kib")),
                            a.numbers("users"),
                            a.string("prefix"))),
            Map.entry("group", a -> new Group(a.string("name"), a.bool("system", true), a.optionalStrings("members"))),
            Map.entry(
                    "user",
                    a -> new User(
                            a.string("name"),
                            a.bool("system", true),
                            a.string("home", "/nonexistent"),
                            a.string("shell", "/usr/sbin/nologin"),
                            a.strings("groups"))),
            Map.entry("group_access", a -> new GroupAccess(a.string("path"), a.string("group"))),
            Map.entry(
                    "directory",
                    a -> new Directory(
                            a.string("path"),
                            a.string("owner", "root"),
                            a.string("group", "root"),
                            a.mode("mode", "0755"))),
            Map.entry(
                    "file",
                    a -> new FileContent(
                            a.string("path"),
                            a.string("content"),
                            a.string("owner", "root"),
                            a.string("group", "root"),
                            a.mode("mode", "0644"))),
            Map.entry(
                    "secret",
                    a -> new Secret(
                            a.string("path"),
                            a.integer("bytes", 32),
                            a.string("prefix", ""),
                            a.bool("renew_if_longer", false),
                            a.string("owner", "root"),
                            a.string("group", "root"),
                            a.mode("mode", "0600"))),
            Map.entry(
                    "venv",
                    a -> new Venv(
                            a.string("path"),
                            a.string("python", "/usr/bin/python3"),
                            a.string("uv", null),
                            a.string("cache", null))),
            Map.entry(
                    "pip",
                    a -> new PipPackages(
                            a.string("venv"),
                            a.pins("packages"),
                            a.strings("absent"),
                            a.string("uv", null),
                            a.string("cache", null))),
            Map.entry(
                    "npm",
                    a -> new NpmPackages(
                            a.string("prefix"), a.pins("packages"), a.string("npm", null), a.string("cache", null))),
            Map.entry(
                    "tarball",
                    a -> new Tarball(a.string("url"), a.string("sha512"), a.string("path"), a.string("cache"))),
            Map.entry("service", a -> new Service(a.string("name"), a.bool("enabled", true), a.bool("running", true))),
            Map.entry("symlink", a -> new Symlink(a.string("path"), a.string("target"))),
            Map.entry("class_data_archive", a -> new ClassDataArchive(a.string("jar"), a.strings("training"))),
            Map.entry("restart", a -> new Restart(a.string("name"), a.strings("before"))),
            Map.entry(
                    "http_check",
                    a -> new HttpCheck(a.string("url"), a.integer("status", 200), a.integer("timeout", 60))),
            Map.entry("hub_check", a -> HubHealth.afterRestart(a.string("url"))));

    static Operation<?> build(String task, String type, Map<String, Object> args) {
        Function<Args, Operation<?>> f = TYPES.get(type);
        if (f == null) {
            throw new PlaybookError("task '" + task + "': unknown operation '" + type + "'; known: "
                    + new java.util.TreeSet<>(TYPES.keySet()));
        }
        Args a = new Args(task, args);
        Operation<?> op = f.apply(a);
        a.rejectUnknown();
        return op;
    }
}
