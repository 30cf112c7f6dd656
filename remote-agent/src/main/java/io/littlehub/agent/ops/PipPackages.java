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

/** Python packages pinned to exact versions in a venv. */
public record PipPackages(String venv, Map<String, String> pins) implements Operation<Map<String, String>> {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        if (wanted.isEmpty()) {
            return List.of();
        }
        wanted.sort(null);
        List<String> argv = new ArrayList<>(
                List.of(venv + "/bin/python", "-m", "pip", "install", "--disable-pip-version-check", "--no-input"));
        argv.addAll(wanted);
        return List.of(new Action.Run("pip install " + String.join(" ", wanted) + " into " + venv, argv));
    }
}
