package io.littlehub.cli.z2jh;

import io.littlehub.common.config.HubConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files of {@code littlehub export z2jh} (pure: what was read on the hub in, file names and texts out): values.yaml,
 * secret-values.yaml, image/, MIGRATION.md.
 */
public final class ExportFiles {
    public static final String VALUES = "values.yaml";
    public static final String SECRET_VALUES = "secret-values.yaml";
    public static final String MIGRATION = "MIGRATION.md";
    public static final String IMAGE_DIR = "image";

    /**
     * What was read on the hub.
     *
     * @param configText /etc/littlehub/config.yaml with its secrets ("" when there is none)
     * @param freeze the users' environment's recorded freeze
     * @param freezeSource where the freeze comes from, in words (like "record 3 of the users' environment")
     * @param python the users' environment's Python, like 3.11
     * @param cookieSecret the hub's cookie secret (hex), or null when not carried
     * @param proxyToken the proxy's API token, or null when not carried
     */
    public record HubFacts(
            String hubName,
            String configText,
            String freeze,
            String freezeSource,
            String python,
            String cookieSecret,
            String proxyToken) {}

    /** The texts by path relative to the export folder, and the translation they came from. */
    public record Export(Map<String, String> files, ChartValues.Translation translation) {}

    private ExportFiles() {}

    @SuppressWarnings("unchecked")
    public static Export of(HubFacts facts) {
        Map<String, Object> effective = HubConfig.load(facts.configText());
        Object file = new Yaml(new SafeConstructor(new LoaderOptions())).load(facts.configText());
        Map<String, Object> env = (Map<String, Object>) effective.get("user_environment");
        ImageRecipe image = ImageRecipe.of(
                facts.freeze(),
                facts.python(),
                facts.freezeSource(),
                ((List<?>) env.get("disabled_server_extensions"))
                        .stream().map(Object::toString).toList(),
                Boolean.TRUE.equals(env.get("jupyterlab_news")));
        String imageName = "littlehub-" + ChartValues.slug(facts.hubName()) + "-user";
        ChartValues.Translation t = ChartValues.translate(
                effective,
                file instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(),
                new ChartValues.Inputs(
                        facts.hubName(), imageName, image.tag(), facts.cookieSecret(), facts.proxyToken()));
        Map<String, Object> https = (Map<String, Object>) effective.get("https");
        Map<String, Object> tls = (Map<String, Object>) https.get("tls");
        boolean school = Boolean.TRUE.equals(https.get("enabled"))
                && !tls.get("cert").toString().isEmpty();
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                VALUES,
                "# The littlehub hub " + facts.hubName() + " as Zero to JupyterHub values (littlehub export z2jh)."
                        + " Secrets: " + SECRET_VALUES + ". See " + MIGRATION + ".\n" + yaml(t.values()));
        files.put(
                SECRET_VALUES,
                "# Secrets of the littlehub hub " + facts.hubName() + ": keep this file private, never commit it.\n"
                        + (t.secretValues().isEmpty() ? "{}\n" : yaml(t.secretValues())));
        image.files().forEach((name, text) -> files.put(IMAGE_DIR + "/" + name, text));
        files.put(
                MIGRATION,
                MigrationNotes.markdown(
                        facts.hubName(),
                        t,
                        image,
                        imageName + ":" + image.tag(),
                        school ? ChartValues.tlsSecretName(facts.hubName()) : null,
                        school
                                ? List.of(
                                        tls.get("cert").toString(),
                                        tls.get("key").toString())
                                : List.of()));
        return new Export(files, t);
    }

    static String yaml(Map<String, Object> tree) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(0);
        o.setSplitLines(false);
        return new Yaml(o).dump(tree);
    }
}
