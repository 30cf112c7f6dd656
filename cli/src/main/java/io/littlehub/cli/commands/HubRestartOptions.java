package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.RestartChoice;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * For a command that always restarts the hub ({@code upgrade}, {@code rollback}): {@code --yes} and
 * {@link WhenIdleOptions}. While people are active it says so first; on a terminal it asks.
 */
public final class HubRestartOptions {
    @Option(names = "--yes", description = "restart the hub now, even while people are active (do not ask)")
    boolean yes;

    @Mixin
    WhenIdleOptions whenIdle;

    RestartChoice choice() {
        return whenIdle.choice(yes);
    }
}
