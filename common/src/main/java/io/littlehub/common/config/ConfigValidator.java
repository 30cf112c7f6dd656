package io.littlehub.common.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks a hub config (/etc/littlehub/config.yaml) before anything is applied. The rules are the JSON Schema in
 * schema/littlehub-config.schema.json (packaged in the agent), plus {@link CrossChecks} for rules across keys. Each
 * problem names the key path and the line and says what to write instead; an empty list means the config is good.
 */
public final class ConfigValidator {
    private final ConfigSchema schema;

    public ConfigValidator() {
        this(ConfigSchema.packaged());
    }

    ConfigValidator(ConfigSchema schema) {
        this.schema = schema;
    }

    /** Every problem in the text, by line (the hub enforces everything the language can say). */
    public List<ConfigProblem> validate(String yamlText) {
        return validateLanguage(yamlText);
    }

    /**
     * On the hub VM, before a config is applied: {@link #validate} plus what only the VM can check, the files it
     * names (a school's own certificate and key, {@link TlsFiles}).
     */
    public List<ConfigProblem> validateOnHub(String yamlText) {
        List<ConfigProblem> problems = new ArrayList<>(validate(yamlText));
        if (problems.isEmpty()) {
            problems.addAll(TlsFiles.onThisMachine().check(yamlText, java.time.Instant.now()));
        }
        return problems;
    }

    /**
     * A change from {@code before} to {@code after} on the hub VM: {@link #validate}, and the certificate files only
     * when the change touches the https section. A check about HTTPS must not block an unrelated change (a roster
     * edit while the school's certificate files were moved away): that change leaves Caddy's config as it was.
     */
    public List<ConfigProblem> validateChangeOnHub(String after, String before) {
        List<ConfigProblem> problems = new ArrayList<>(validate(after));
        if (problems.isEmpty() && !httpsOf(after).equals(httpsOf(before))) {
            problems.addAll(TlsFiles.onThisMachine().check(after, java.time.Instant.now()));
        }
        return problems;
    }

    /** The https section with its defaults; a text that cannot be read has none (it is never the new config here). */
    private static Object httpsOf(String text) {
        try {
            return HubConfig.load(text).get("https");
        } catch (RuntimeException unreadable) {
            return unreadable.toString();
        }
    }

    /** The config language alone (schema and cross-key rules; YAML syntax errors and duplicate keys included). */
    List<ConfigProblem> validateLanguage(String yamlText) {
        YamlTree.Parsed parsed = YamlTree.parse(yamlText);
        List<ConfigProblem> problems = new ArrayList<>(parsed.problems());
        boolean empty = parsed.root() == null || parsed.root() instanceof YamlNode.Scalar s && s.value() == null;
        if (!empty) {
            problems.addAll(schema.check(parsed.root()));
            if (parsed.root() instanceof YamlNode.Mapping) {
                problems.addAll(CrossChecks.check(parsed.root()));
            }
        }
        problems.sort(Comparator.comparingInt(ConfigProblem::line));
        return problems;
    }
}
