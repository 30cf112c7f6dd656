package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.RestartChoice;
import io.littlehub.cli.hubs.Rollout;
import io.littlehub.cli.operate.AgentVerb;
import io.littlehub.cli.remote.AgentOptions;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every command that changes the hub takes: {@link HubOptions}, how long to wait for another change, and with
 * {@code --hubs} the batches ({@link HubBatches}).
 */
public final class ChangeOptions extends HubOptions {
    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            description = "wait this long for another change to finish (default 60; 0: fail at once)")
    Integer wait;

    @Mixin
    HubBatches batches;

    public ChangeOptions() {
        super();
    }

    /** For tests (through LittlehubCommand.commandLine): a temporary hub registry, captured output. */
    public ChangeOptions(Supplier<ConfigContext> context) {
        super(context);
    }

    @Override
    Rollout rollout() {
        return batches.rollout(selection);
    }

    /** A change on the hub: {@code command} builds the agent's argv (io.littlehub.cli.remote) for the options. */
    int change(Function<AgentOptions, List<String>> command) {
        return each((ctx, name) -> new AgentVerb(ctx).run(name, command, true, json, wait));
    }

    /**
     * A change on the hub that restarts it: {@code command} builds the agent's argv for the options and the agent's
     * restart options ({@link RestartChoice}: on a terminal the teacher may be asked, then it runs again with --yes).
     */
    int change(BiFunction<AgentOptions, List<String>, List<String>> command, RestartChoice restart) {
        return each((ctx, name) -> restart.run(
                ctx,
                json,
                restartOptions -> new AgentVerb(ctx)
                        .run(name, options -> command.apply(options, restartOptions), true, json, wait)));
    }

    /** A change on the hub, with the laptop's own work before and after it on the same connection. */
    int change(Function<AgentOptions, List<String>> command, Function<ConfigContext, AgentVerb.Around> around) {
        return each((ctx, name) -> new AgentVerb(ctx).run(name, command, true, json, wait, around.apply(ctx)));
    }
}
