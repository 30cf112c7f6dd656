package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.ManyHubs;
import io.littlehub.cli.hubs.Rollout;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Which hubs a command acts on: {@code --hubs PATTERN} (several, through {@link ManyHubs}) and {@code --forks N}, in
 * the inventory ({@link InventoryOption}). Inherited by subcommands ({@code config set --hubs all}).
 */
public final class HubSelection {
    @Option(
            names = "--hubs",
            paramLabel = "PATTERN",
            scope = ScopeType.INHERIT,
            description = "several hubs: all, a hub, a group, a pattern (stats*), a label (course=stats101),"
                    + " a list (a,b,!c; &g: also in g)")
    String hubs;

    @Option(
            names = "--forks",
            paramLabel = "N",
            scope = ScopeType.INHERIT,
            description = "with --hubs: how many hubs at once (default " + ManyHubs.DEFAULT_FORKS + ")")
    Integer forks;

    /**
     * The one way a command acts on its hub(s): {@code command} on the hub {@code hub} names (null: the current one),
     * or with {@code --hubs} on each selected hub, with {@code rollout}'s batches.
     */
    int each(ConfigContext c, String hub, boolean json, Rollout rollout, ManyHubs.OnHub command) {
        if (hubs == null) {
            if (forks != null) {
                throw new IllegalArgumentException("--forks goes with --hubs");
            }
            return command.run(c, hub);
        }
        if (hub != null) {
            throw new IllegalArgumentException("--hub " + hub + " and --hubs " + hubs + ": give one of them");
        }
        return new ManyHubs(c)
                .run(new ManyHubs.Plan(hubs, forks == null ? ManyHubs.DEFAULT_FORKS : forks, rollout, json), command);
    }
}
