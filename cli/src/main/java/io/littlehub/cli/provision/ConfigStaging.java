package io.littlehub.cli.provision;

import io.littlehub.agent.config.ConfigEdit;
import io.littlehub.agent.config.Layout;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The hub config a provision run applies: the teacher's --config file, else the VM's current config, plus --admin
 * names. It is staged beside the live file and only replaces it when the run succeeds, so a failed run leaves the
 * VM's config as it was.
 */
final class ConfigStaging {
    static final String STAGED = Layout.CONFIG_FILE + ".new";
    /** The hub's own user name pattern (USERNAME_PATTERN in templates/jupyterhub_config.py.ftl). */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,23}");

    private ConfigStaging() {
    }

    static String effective(RemoteHost host, Path configFile, List<String> admins) {
        String base;
        try {
            base = configFile != null ? Files.readString(configFile) : current(host);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configFile, e);
        }
        return withAdmins(base, admins);
    }

    static String current(RemoteHost host) {
        if (!host.runAsRoot(List.of("test", "-f", Layout.CONFIG_FILE)).ok()) {
            return "";
        }
        Result r = host.runAsRoot(List.of("cat", Layout.CONFIG_FILE));
        if (!r.ok()) {
            throw new IllegalStateException("cannot read " + Layout.CONFIG_FILE + " on the VM: " + r.stderr().strip());
        }
        return r.stdout();
    }

    @SuppressWarnings("unchecked")
    static String withAdmins(String yamlText, List<String> admins) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        if (doc != null && !(doc instanceof Map)) {
            throw new IllegalArgumentException("the hub config must be a YAML mapping (key: value lines)");
        }
        Map<String, Object> root = doc == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) doc);
        if (admins.isEmpty()) {
            return ConfigEdit.dump(root);
        }
        Map<String, Object> users = root.get("users") instanceof Map<?, ?> u ? new LinkedHashMap<>((Map<String, Object>) u) : new LinkedHashMap<>();
        List<Object> list = users.get("admin") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        for (String a : admins) {
            if (!NAME.matcher(a).matches()) {
                throw new IllegalArgumentException("admin name '" + a + "' is not usable: use 1-24 lowercase letters, digits, '_' or '-', starting with a letter");
            }
            if (!list.contains(a)) {
                list.add(a);
            }
        }
        users.put("admin", list);
        root.put("users", users);
        return ConfigEdit.dump(root);
    }

    static void stage(RemoteHost host, String text) {
        try {
            Path tmp = Files.createTempFile("littlehub-config", ".yaml");
            try {
                Files.writeString(tmp, text);
                check(host.runAsRoot(List.of("mkdir", "-p", Layout.CONFIG_DIR)), "create " + Layout.CONFIG_DIR);
                host.uploadAsRoot(tmp, STAGED, 0640);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void commit(RemoteHost host) {
        check(host.runAsRoot(List.of("mv", "-f", STAGED, Layout.CONFIG_FILE)), "install the new config");
    }

    static void discard(RemoteHost host) {
        host.runAsRoot(List.of("rm", "-f", STAGED));
    }

    private static void check(Result r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException("cannot " + what + " on the VM: " + r.stderr().strip());
        }
    }
}
