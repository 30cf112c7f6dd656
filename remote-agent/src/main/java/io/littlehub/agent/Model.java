package io.littlehub.agent;

import io.littlehub.agent.config.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** What playbooks and templates see: {@code config}, {@code versions}, {@code paths}, {@code os}. */
final class Model {
    private Model() {
    }

    static Map<String, Object> build(Map<String, Object> config, Facts facts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config);
        m.put("versions", versions());
        m.put("paths", Layout.paths());
        m.put("os", Map.of("id", facts.osId(), "version", facts.osVersion()));
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> versions() {
        try (InputStream in = Model.class.getResourceAsStream("playbooks/versions.yaml")) {
            if (in == null) {
                throw new IllegalStateException("versions.yaml is missing from the agent jar");
            }
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
