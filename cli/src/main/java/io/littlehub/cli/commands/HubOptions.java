package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.ManyHubs;
import io.littlehub.cli.hubs.Rollout;
import io.littlehub.cli.operate.AgentVerb;
import io.littlehub.cli.remote.AgentOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every command on a known hub takes: which hub (or hubs, {@link HubSelection}), JSON output. Changes add
 * {@link ChangeOptions}' wait and batches. A command says what it does on one hub and hands it to {@link #each}.
 */
public class HubOptions {
    @Option(names = "--hub", paramLabel = "NAME", description = "the hub (default: the last provisioned one)")
    String hub;

    @Option(names = "--json", description = "JSON output, for scripts")
    boolean json;

    @Mixin
    InventoryOption inventory;

    @Mixin
    HubSelection selection;

    private final Supplier<ConfigContext> context;

    public HubOptions() {
        this(ConfigContext::fromEnvironment);
    }

    /** For tests (through LittlehubCommand.commandLine): a temporary hub registry, captured output. */
    public HubOptions(Supplier<ConfigContext> context) {
        this.context = context;
    }

    boolean json() {
        return json;
    }

    /** A command that changes nothing the config lock guards (reads, or doctor's fixes). */
    int read(Function<AgentOptions, List<String>> command) {
        return read(command, context());
    }

    /** As {@link #read}, the command's output going to {@code out} (like a file) instead of the terminal. */
    int read(Function<AgentOptions, List<String>> command, PrintStream out) {
        ConfigContext ctx = context();
        return read(command, ctx.withOutput(out, ctx.err()));
    }

    private int read(Function<AgentOptions, List<String>> command, ConfigContext ctx) {
        return selection.each(
                ctx, hub, json, rollout(), (c, name) -> new AgentVerb(c).run(name, command, false, json, null));
    }

    /** {@code command} on the hub, or on each hub {@code --hubs} selects (all at once, up to --forks). */
    int each(ManyHubs.OnHub command) {
        return selection.each(context(), hub, json, rollout(), command);
    }

    Rollout rollout() {
        return Rollout.ALL_AT_ONCE;
    }

    /** The context of the command, with the inventory {@code -i} names (for the hub's name of a single-hub run). */
    ConfigContext context() {
        return inventory.context(context.get());
    }
}
