package io.littlehub.agent.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.common.machine.Machine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * npm packages pinned to exact versions, installed "globally" into a private prefix: programs land in PREFIX/bin,
 * packages in PREFIX/lib/node_modules, and nothing touches the system's own npm tree.
 *
 * <p>With {@code npm} (the path of npm's own {@code bin/npm-cli.js}, unpacked from the npm registry's tarball) that
 * npm runs on the system's {@code node} instead of a packaged {@code npm} command, with its downloads kept in
 * {@code cache} and taken from there first ({@code --prefer-offline}), so an upgrade does not fetch them again.
 */
public record NpmPackages(String prefix, Map<String, String> pins, String npm, String cache)
        implements Operation<Map<String, String>> {
    private static final ObjectMapper JSON = new ObjectMapper();

    public NpmPackages(String prefix, Map<String, String> pins) {
        this(prefix, pins, null, null);
    }

    public NpmPackages {
        if ((npm == null) != (cache == null)) {
            throw new IllegalArgumentException("npm and its cache go together");
        }
    }

    @Override
    public Map<String, String> gather(Machine machine) {
        Map<String, String> installed = new HashMap<>();
        for (String name : pins.keySet()) {
            machine.read(prefix + "/lib/node_modules/" + name + "/package.json").ifPresent(b -> {
                try {
                    installed.put(name, JSON.readTree(b).path("version").asText());
                } catch (IOException e) {
                    // Unreadable package.json: treat as not installed, so it is reinstalled.
                }
            });
        }
        return installed;
    }

    @Override
    public List<Action> plan(Map<String, String> installed) {
        List<String> wanted = new ArrayList<>();
        pins.forEach((name, version) -> {
            if (!version.equals(installed.get(name))) {
                wanted.add(name + "@" + version);
            }
        });
        if (wanted.isEmpty()) {
            return List.of();
        }
        wanted.sort(null);
        List<String> argv = new ArrayList<>(npm == null ? List.of("npm") : List.of("node", npm));
        argv.addAll(List.of("install", "--global", "--prefix", prefix, "--no-fund", "--no-audit"));
        if (npm != null) {
            argv.addAll(List.of("--cache", cache, "--prefer-offline", "--no-update-notifier"));
        }
        argv.addAll(wanted);
        return List.of(new Action.Run("npm install " + String.join(" ", wanted) + " into " + prefix, argv));
    }
}
