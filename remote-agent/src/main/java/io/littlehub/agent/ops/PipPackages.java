package io.littlehub.agent.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Python packages pinned to exact versions in a venv, and packages kept out of it ({@code absent}: installed as some
 * package's optional dependency, they cost more than they give; pip accepts their removal, {@code pip check} too).
 */
public record PipPackages(String venv, Map<String, String> pins, List<String> absent)
        implements Operation<Map<String, String>> {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PipPackages(String venv, Map<String, String> pins) {
        this(venv, pins, List.of());
    }

    /** PyPI names compare case-insensitively with runs of '-', '_' and '.' as one (PEP 503). */
    static String normalize(String name) {
        return name.toLowerCase().replaceAll("[-_.]+", "-");
    }

    @Override
    public Map<String, String> gather(Machine machine) {
        Map<String, String> installed = new HashMap<>();
        if (machine.stat(venv + "/bin/python").isEmpty()) {
            return installed;
        }
        CommandResult r = machine.run(
                List.of(venv + "/bin/python", "-m", "pip", "list", "--format=json", "--disable-pip-version-check"));
        if (!r.ok()) {
            return installed;
        }
        try {
            for (JsonNode p : JSON.readTree(r.stdout())) {
                installed.put(
                        normalize(p.get("name").asText()), p.get("version").asText());
            }
        } catch (IOException e) {
            throw new IllegalStateException("pip list printed no JSON: " + r.stdout(), e);
        }
        return installed;
    }

    @Override
    public List<Action> plan(Map<String, String> installed) {
        List<String> wanted = new ArrayList<>();
        pins.forEach((name, version) -> {
            if (!version.equals(installed.get(normalize(name)))) {
                wanted.add(name + "==" + version);
            }
        });
        List<Action> actions = new ArrayList<>();
        if (!wanted.isEmpty()) {
            wanted.sort(null);
            actions.add(pip("install " + String.join(" ", wanted) + " into " + venv, "install", "--no-input", wanted));
        }
        // An install may bring an absent package back as a dependency: then all of them are removed after it.
        List<String> unwanted = absent.stream()
                .filter(name -> !wanted.isEmpty() || installed.containsKey(normalize(name)))
                .sorted()
                .toList();
        if (!unwanted.isEmpty()) {
            actions.add(pip("remove " + String.join(" ", unwanted) + " from " + venv, "uninstall", "--yes", unwanted));
        }
        return actions;
    }

    private Action pip(String description, String command, String option, List<String> names) {
        List<String> argv = new ArrayList<>(
                List.of(venv + "/bin/python", "-m", "pip", command, "--disable-pip-version-check", option));
        argv.addAll(names);
        return new Action.Run(description, argv);
    }
}
