package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.HubRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code -i FILE}: another inventory of hubs than the laptop's own (a shared one, kept in a repository). */
public final class InventoryOption {
    @Option(
            names = {"-i", "--inventory"},
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "the inventory of hubs (default: ~/.config/littlehub/hubs.yaml)")
    Path file;

    /** {@code ctx} with this inventory. */
    ConfigContext context(ConfigContext ctx) {
        return file == null
                ? ctx
                : new ConfigContext(
                        HubRegistry.ofFile(file), ctx.ssh(), ctx.out(), ctx.err(), ctx.prompter(), ctx.env());
    }
}
