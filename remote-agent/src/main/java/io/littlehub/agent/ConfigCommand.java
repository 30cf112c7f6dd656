package io.littlehub.agent;

import io.littlehub.agent.config.ConfigHistory;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.ConfigEdit;
import io.littlehub.common.config.ConfigMask;
import io.littlehub.common.config.ConfigProblem;
import io.littlehub.common.config.ConfigValidator;
import io.littlehub.common.config.HubConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code littlehub-agent config …}: read and change /etc/littlehub/config.yaml on the VM (also what the laptop's
 * {@code littlehub config} runs). Changes go through {@link ConfigApply}: validated, locked, applied, rolled back on
 * failure, recorded. Exit codes: see {@link ExitCodes}.
 */
@Command(name = "config", description = "Show, check and change the hub config.")
final class ConfigCommand {
    private static final String SHOW_SECRETS = "--show-secrets";
    private static final String SHOW_SECRETS_HELP =
            "print passwords and client secrets as they are (else " + ConfigMask.MASK + ")";

    @Command(name = "show", description = "Print the config file (secret values masked).")
    int show(@Option(names = SHOW_SECRETS, description = SHOW_SECRETS_HELP) boolean showSecrets) throws Exception {
        String text = ConfigApply.onThisMachine(null).current();
        System.out.print(showSecrets ? text : ConfigMask.packaged().text(text));
        return ExitCodes.OK;
    }

    @Command(name = "get", description = "Print a key's value (the file over the defaults; secret values masked).")
    int get(
            @Parameters(paramLabel = "KEY") String key,
            @Option(names = SHOW_SECRETS, description = SHOW_SECRETS_HELP) boolean showSecrets)
            throws Exception {
        Object found =
                ConfigEdit.get(HubConfig.load(ConfigApply.onThisMachine(null).current()), key);
        Object value = showSecrets ? found : ConfigMask.packaged().value(key, found);
        if (value == null) {
            System.err.println(key + " is not set and has no default (keys: "
                    + String.join(", ", HubConfig.defaults().keySet()) + ")");
            return ExitCodes.INVALID_CONFIG;
        }
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        System.out.print(
                value instanceof java.util.Map || value instanceof List ? new Yaml(o).dump(value) : value + "\n");
        return ExitCodes.OK;
    }

    @Command(name = "set", description = "Set KEY to VALUE and apply.")
    int set(
            @Parameters(paramLabel = "KEY") String key,
            @Parameters(paramLabel = "VALUE", arity = "0..1") String argument,
            @Option(
                            names = "--value-stdin",
                            description = "read VALUE from the first line of stdin: a secret stays out"
                                    + " of the command line, which other users' `ps` and sudo's log see")
                    boolean fromStdin,
            @Mixin ChangeOptions change,
            @Mixin RestartOptions restart)
            throws Exception {
        if ((argument == null) == !fromStdin) {
            System.err.println(
                    "config set " + key + ": give the VALUE or --value-stdin, not " + (fromStdin ? "both" : "neither"));
            return ExitCodes.USAGE;
        }
        String value = fromStdin
                ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElse("")
                : argument;
        return change.apply(text -> ConfigEdit.set(text, key, value), "set " + key + " " + shown(key, value), restart);
    }

    @Command(name = "unset", description = "Remove KEY (its default applies again) and apply.")
    int unset(@Parameters(paramLabel = "KEY") String key, @Mixin ChangeOptions change, @Mixin RestartOptions restart)
            throws Exception {
        return change.apply(text -> ConfigEdit.unset(text, key), "unset " + key, restart);
    }

    @Command(name = "add-item", description = "Add VALUE to the list KEY and apply.")
    int addItem(
            @Parameters(paramLabel = "KEY") String key,
            @Parameters(paramLabel = "VALUE") String value,
            @Mixin ChangeOptions change,
            @Mixin RestartOptions restart)
            throws Exception {
        return change.apply(
                text -> ConfigEdit.addItem(text, key, value), "add-item " + key + " " + shown(key, value), restart);
    }

    @Command(name = "remove-item", description = "Remove VALUE from the list KEY and apply.")
    int removeItem(
            @Parameters(paramLabel = "KEY") String key,
            @Parameters(paramLabel = "VALUE") String value,
            @Mixin ChangeOptions change,
            @Mixin RestartOptions restart)
            throws Exception {
        return change.apply(
                text -> ConfigEdit.removeItem(text, key, value),
                "remove-item " + key + " " + shown(key, value),
                restart);
    }

    /** A value as the history and messages may show it: a secret key's masked. */
    private static String shown(String key, String value) {
        return ConfigMask.packaged().isSecret(key) ? ConfigMask.MASK : value;
    }

    @Command(name = "apply", description = "Apply a whole config file (what `littlehub config edit` uploads).")
    int apply(@Parameters(paramLabel = "FILE") Path file, @Mixin ChangeOptions change, @Mixin RestartOptions restart)
            throws Exception {
        String text = Files.readString(file);
        return change.apply(current -> text, "apply " + file.getFileName(), restart);
    }

    @Command(name = "validate", description = "Check a config file (default: the hub's) and change nothing.")
    int validate(@Parameters(paramLabel = "FILE", arity = "0..1") Path file) throws Exception {
        String text = file != null
                ? Files.readString(file)
                : ConfigApply.onThisMachine(null).current();
        String name = file != null ? file.toString() : io.littlehub.common.config.Layout.CONFIG_FILE;
        List<ConfigProblem> problems = new ConfigValidator().validateOnHub(text);
        problems.forEach(p -> System.out.println(name + ": " + p));
        if (problems.isEmpty()) {
            System.out.println(name + ": ok");
        }
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_CONFIG;
    }

    @Command(name = "history", description = "List the applied configs, newest last.")
    int history() {
        new ConfigHistory(ConfigHistory.DEFAULT).list().forEach(System.out::println);
        return ExitCodes.OK;
    }

    @Command(name = "rollback", description = "Apply history entry N again (default: the one before the current).")
    int rollback(
            @Parameters(paramLabel = "N", arity = "0..1") Integer number,
            @Mixin ChangeOptions change,
            @Mixin RestartOptions restart)
            throws Exception {
        ConfigHistory history = new ConfigHistory(ConfigHistory.DEFAULT);
        List<ConfigHistory.Entry> entries = history.list();
        int n = number != null
                ? number
                : entries.size() >= 2 ? entries.get(entries.size() - 2).number() : -1;
        String text = history.text(n).orElse(null);
        if (text == null) {
            System.err.println(
                    n < 0
                            ? "there is no earlier config to roll back to"
                            : "no history entry " + n + ": `config history` lists them");
            return ExitCodes.USAGE;
        }
        return change.apply(current -> text, "rollback to " + n, restart);
    }
}
