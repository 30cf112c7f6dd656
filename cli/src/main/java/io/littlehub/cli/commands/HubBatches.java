package io.littlehub.cli.commands;

import io.littlehub.cli.hubs.Rollout;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** How a change goes over several hubs ({@code --hubs}): {@code --serial} batches, {@code --max-fail}. */
public final class HubBatches {
    @Option(
            names = "--serial",
            paramLabel = "N|N%",
            scope = ScopeType.INHERIT,
            description = "with --hubs: change this many hubs at a time (1, 5, 30%), batch after batch")
    String serial;

    @Option(
            names = "--max-fail",
            paramLabel = "N",
            scope = ScopeType.INHERIT,
            description = "with --hubs: start no more hubs after N failed (default: 1 with --serial, else no limit)")
    Integer maxFail;

    Rollout rollout(HubSelection selection) {
        if ((serial != null || maxFail != null) && selection.hubs == null) {
            throw new IllegalArgumentException((serial != null ? "--serial" : "--max-fail") + " goes with --hubs");
        }
        return new Rollout(serial, maxFail);
    }
}
