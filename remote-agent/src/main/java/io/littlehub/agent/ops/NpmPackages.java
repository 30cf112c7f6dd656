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
 */
public record NpmPackages(String prefix, Map<String, String> pins) implements Operation<Map<String, String>> {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        List<String> argv =
                new ArrayList<>(List.of("npm", "install", "--global", "--prefix", prefix, "--no-fund", "--no-audit"));
        argv.addAll(wanted);
        return List.of(new Action.Run("npm install " + String.join(" ", wanted) + " into " + prefix, argv));
    }
}
