package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.remote.HubCheckCommands;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code littlehub doctor [--fix]}: the hub's agent runs the checks; the laptop adds its clock and its release, so
 * clock skew and laptop/VM version drift are checked too.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Check the hub: failed units, full disks, memory pressure, an invalid config, a broken users' environment,"
                    + " clock skew, the port not answering, stale student servers, laptop/VM version drift. Each problem comes with"
                    + " its fix.",
            "--fix applies the safe ones (restarts, stopping unreachable servers, time sync, trimming the journal).",
            "Exit code 1 when a problem is left."
        })
@ExitsWith({ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNREACHABLE})
public final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--fix", description = "apply the safe fixes")
    boolean fix;

    @Mixin
    HubOptions hub;

    @Override
    public Integer call() {
        long now = System.currentTimeMillis() / 1000;
        return hub.read(o -> HubCheckCommands.doctor(now, BuildInfo.version(), fix, o));
    }
}
