package io.littlehub.cli.commands;

import io.littlehub.cli.provision.Upgrader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code littlehub upgrade [--to VERSION]}: parses, then {@link Upgrader}. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Move the hub to this littlehub's release, one minor version at a time: the hub state is copied first,"
                + " the new release is built beside the running one and switched to in one step; if the hub does not come up"
                + " healthy it goes back by itself. Student servers and their kernels keep running.",
                "`littlehub rollback` returns to the previous release."})
public final class UpgradeCommand implements Callable<Integer> {
    @Option(names = "--to", paramLabel = "VERSION", description = "upgrade only if this littlehub's release is VERSION (a guard for scripts)") String to;
    @Mixin HubOptions hub;

    @Override
    public Integer call() {
        return new Upgrader(hub.context()).run(hub.hub, to, hub.json, hub.wait);
    }
}
