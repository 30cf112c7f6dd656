package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.ManyHubs;
import picocli.CommandLine.Mixin;

/**
 * For a command that declares its own {@code --hub} ({@code config}, {@code backup}): the inventory, the selection
 * and the batches, and the run on the hub or the selected hubs.
 */
public final class SelectedHubs {
    @Mixin
    InventoryOption inventory;

    @Mixin
    HubSelection selection;

    @Mixin
    HubBatches batches;

    /** {@code command} on {@code hub} (null: the current one), or with {@code --hubs} on each selected hub. */
    int each(ConfigContext ctx, String hub, boolean json, ManyHubs.OnHub command) {
        return selection.each(inventory.context(ctx), hub, json, batches.rollout(selection), command);
    }

    boolean many() {
        return selection.hubs != null;
    }
}
