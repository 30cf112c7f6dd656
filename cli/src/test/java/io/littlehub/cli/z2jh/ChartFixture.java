package io.littlehub.cli.z2jh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The export's proofs' inputs: the three configs (the example with limits; GitHub with admins and a roster; LDAP with
 * HTTPS on the school's certificate), a users' environment record, and the chart's files from ../shared/z2jh
 * (unmodified copies, read only), with Helm's merge of the chart's defaults and the values files.
 */
final class ChartFixture {
    static final String FREEZE = "# pip check: none\njupyterhub==6.1.1\njupyterlab==4.6.6\nnotebook==7.6.5\n"
            + "ipykernel==7.4.0\nlocal-thing @ file:///root/local_thing-1.0.tar.gz\n";

    /** The three configs by name: the repository's example and the test's two. */
    static final Map<String, Path> CONFIGS = Map.of(
            "class-with-limits", repository().resolve("examples/class-with-limits.yaml"),
            "github-roster", Path.of("src/test/resources/z2jh/github-roster.yaml"),
            "ldap-https", Path.of("src/test/resources/z2jh/ldap-https.yaml"));

    private ChartFixture() {}

    static Path repository() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** ../shared/z2jh beside the repository (the worktree's or CI's clone). */
    static Path chart() {
        Path dir = repository().getParent().resolve("shared/z2jh");
        assertTrue(Files.isRegularFile(dir.resolve("values.schema.yaml")), "the chart's files are not at " + dir);
        return dir;
    }

    static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExportFiles.Export export(String config, boolean carrySecrets) {
        return ExportFiles.of(new ExportFiles.HubFacts(
                "Class Hub",
                text(CONFIGS.get(config)),
                FREEZE,
                "record 3 of the users' environment",
                "3.11",
                carrySecrets ? "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" : null,
                carrySecrets ? "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210" : null));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(1000); // the chart's schema shares its definitions by YAML aliases
        Object o = new Yaml(new SafeConstructor(options)).load(text);
        return o == null ? new LinkedHashMap<>() : (Map<String, Object>) o;
    }

    /** What Helm renders from: the chart's values.yaml, then each values file over it (maps merged, null deletes). */
    static Map<String, Object> helmValues(ExportFiles.Export export) {
        Map<String, Object> merged = yaml(text(chart().resolve("values.yaml")));
        merge(merged, yaml(export.files().get(ExportFiles.VALUES)));
        merge(merged, yaml(export.files().get(ExportFiles.SECRET_VALUES)));
        merged.putIfAbsent("global", new LinkedHashMap<>());
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> base, Map<String, Object> over) {
        over.forEach((k, v) -> {
            if (v == null) {
                base.remove(k);
            } else if (v instanceof Map<?, ?> vm && base.get(k) instanceof Map<?, ?> bm) {
                merge((Map<String, Object>) bm, (Map<String, Object>) vm);
            } else {
                base.put(k, v);
            }
        });
    }
}
