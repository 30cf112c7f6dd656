package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.hubconfig.RestartChoice;
import io.littlehub.cli.provision.Upgrader;
import io.littlehub.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code littlehub upgrade [--release VERSION]}: parses, then {@link Upgrader}. */
@Command(
        name = "upgrade",
        mixinStandardHelpOptions = true,
        description = {
            "Move the hub to this littlehub's release, one minor version at a time: the hub state is copied first,"
                    + " the new release is built beside the running one and switched to in one step; if the hub does not come up"
                    + " healthy it goes back by itself. Student servers and their kernels keep running.",
            "`littlehub rollback` returns to the previous release.",
            "The hub restarts: while people are active it says so first; on a terminal it asks (--yes: do not ask),"
                    + " --when-idle waits until nobody is active; a script without either is told and the upgrade goes on."
        })
@ExitsWith({
    ExitCodes.OK,
    ExitCodes.FAILED,
    ExitCodes.USAGE,
    ExitCodes.UNREACHABLE,
    ExitCodes.UNSUPPORTED,
    ExitCodes.LOCKED,
    ExitCodes.PEOPLE_ACTIVE
})
public final class UpgradeCommand implements Callable<Integer> {
    @Option(
            names = "--release",
            paramLabel = "VERSION",
            description = "upgrade only if this littlehub's release is VERSION (a guard for scripts)")
    String release;

    @Mixin
    ChangeOptions hub;

    @Mixin
    HubRestartOptions restart;

    /** The old spelling, kept for scripts: {@code --to} is a folder elsewhere ({@code backup}). */
    @Option(names = "--to", paramLabel = "VERSION", hidden = true)
    void to(String version) {
        release = version;
    }

    @Override
    public Integer call() {
        RestartChoice choice = restart.choice();
        return hub.each((ctx, name) -> new Upgrader(ctx).run(name, release, hub.json, hub.wait, choice));
    }
}
