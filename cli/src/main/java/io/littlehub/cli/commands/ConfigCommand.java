package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.hubconfig.ApplyFile;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.EditSession;
import io.littlehub.cli.hubconfig.LocalValidation;
import io.littlehub.cli.hubconfig.RemoteVerb;
import io.littlehub.cli.hubconfig.RestartChoice;
import io.littlehub.cli.hubs.ManyHubs;
import io.littlehub.common.ExitCodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code littlehub config VERB}: parses, then hands over to the classes in {@code io.littlehub.cli.hubconfig}. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = {
            "Read and change the hub's config (/etc/littlehub/config.yaml on the VM).",
            "Every change is validated first, applied under a lock, recorded in the history, and rolled back when the hub does not come up.",
            "A change that restarts the hub while people are active says so first: on a terminal it asks (--yes: do not ask),"
                    + " --when-idle waits until nobody is active; a script without either is told and the change applied."
        })
@ExitsWith({
    ExitCodes.OK,
    ExitCodes.FAILED,
    ExitCodes.USAGE,
    ExitCodes.UNREACHABLE,
    ExitCodes.INVALID_CONFIG,
    ExitCodes.LOCKED,
    ExitCodes.PEOPLE_ACTIVE
})
public final class ConfigCommand implements Runnable {
    @Option(
            names = "--hub",
            paramLabel = "NAME",
            scope = ScopeType.INHERIT,
            description = "the hub (default: the last provisioned one)")
    String hub;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "changes: one JSON event per line, for scripts")
    boolean json;

    @Option(
            names = "--yes",
            scope = ScopeType.INHERIT,
            description = "edit: apply without asking; changes: restart the hub now, even while people are active")
    boolean yes;

    @Mixin
    WhenIdleOptions whenIdle;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            scope = ScopeType.INHERIT,
            description = "changes: wait this long for another change to finish (default 60; 0: fail at once)")
    Integer wait;

    @Mixin
    SelectedHubs targets;

    @Spec
    CommandSpec spec;

    private final Supplier<ConfigContext> context;

    public ConfigCommand() {
        this(ConfigContext::fromEnvironment);
    }

    /** For tests: a temporary hub registry, captured output, scripted answers. */
    public ConfigCommand(Supplier<ConfigContext> context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static final String SHOW_SECRETS = "passwords and client secrets as they are (else ********)";

    @Command(
            mixinStandardHelpOptions = true,
            name = "show",
            description = "Print the config file (empty: all defaults; secret values masked).")
    int show(@Option(names = "--show-secrets", description = SHOW_SECRETS) boolean showSecrets) {
        return each((ctx, name) -> new RemoteVerb(ctx).read(name, "show", List.of(), showSecrets));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "get",
            description = "Print a setting's effective value (the file's, else the default), as YAML; secrets masked.")
    int get(
            @Parameters(paramLabel = "KEY", description = "like limits.memory") String key,
            @Option(names = "--show-secrets", description = SHOW_SECRETS) boolean showSecrets) {
        return each((ctx, name) -> new RemoteVerb(ctx).read(name, "get", List.of(key), showSecrets));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "set",
            description = "Set a setting and apply it, like: set limits.memory 2G")
    int set(
            @Parameters(paramLabel = "KEY") String key,
            @Parameters(paramLabel = "VALUE", description = "a YAML value, like 2G or [ada, bob]") String value) {
        return remote("set", key, value);
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "unset",
            description = "Remove a setting from the file (back to its default) and apply.")
    int unset(@Parameters(paramLabel = "KEY") String key) {
        return remote("unset", key);
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "add-item",
            description = "Add a value to a list setting and apply, like: add-item users.admin ada")
    int addItem(@Parameters(paramLabel = "KEY") String key, @Parameters(paramLabel = "VALUE") String value) {
        return remote("add-item", key, value);
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "remove-item",
            description = "Remove a value from a list setting and apply.")
    int removeItem(@Parameters(paramLabel = "KEY") String key, @Parameters(paramLabel = "VALUE") String value) {
        return remote("remove-item", key, value);
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "apply",
            description = "Make FILE the hub's whole config and apply it (the VM checks it first).")
    int apply(@Parameters(paramLabel = "FILE") Path file) {
        RestartChoice restart = restartChoice();
        return each((ctx, name) -> new ApplyFile(ctx).run(name, file, json, wait, restart));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "validate",
            description = "Check FILE on this laptop, without a hub: problems with their lines.")
    int validate(@Parameters(paramLabel = "FILE") Path file) {
        return new LocalValidation(context.get()).run(file);
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "edit",
            description = {
                "Edit the config in your editor and apply it when it is valid, like visudo.",
                "The editor is $VISUAL, else $EDITOR, else nano, else vi. A config with problems reopens with them at the top;",
                "a valid one is shown as a diff and applied when you confirm (--yes: without asking).",
                "To cancel: quit without saving while problems are shown, save an empty file, or exit the editor with an error (vim :cq)."
            })
    int edit() {
        if (targets.many()) {
            throw new IllegalArgumentException("config edit edits one hub's config: name it with --hub"
                    + " (for several hubs: config apply FILE --hubs …)");
        }
        RestartChoice restart = restartChoice();
        return each((ctx, name) -> new EditSession(ctx).run(name, yes, json, wait, restart));
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "history",
            description = "List the applied configs, newest last: number, time, who, summary.")
    int history() {
        return remote("history");
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "rollback",
            description = "Apply history entry N again (default: the config before the current one).")
    int rollback(@Parameters(paramLabel = "N", arity = "0..1") Integer n) {
        return n == null ? remote("rollback") : remote("rollback", n.toString());
    }

    private int remote(String verb, String... args) {
        RestartChoice restart = restartChoice();
        return each((ctx, name) ->
                new RemoteVerb(ctx).run(name, verb, new ArrayList<>(List.of(args)), json, wait, restart));
    }

    private RestartChoice restartChoice() {
        return whenIdle.choice(yes);
    }

    /** The verb on the hub, or with --hubs on each selected hub. */
    private int each(ManyHubs.OnHub command) {
        return targets.each(context.get(), hub, json, command);
    }
}
