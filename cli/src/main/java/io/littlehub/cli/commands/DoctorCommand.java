package io.littlehub.cli.commands;

import io.littlehub.common.BuildInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code littlehub doctor [--fix]}: the hub's agent runs the checks; the laptop adds its clock and its release, so
 * clock skew and laptop/VM version drift are checked too.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the hub: failed units, full disks, memory pressure, an invalid config, a broken users' environment,"
                + " clock skew, the port not answering, stale student servers, laptop/VM version drift. Each problem comes with"
                + " its fix.", "--fix applies the safe ones (restarts, stopping unreachable servers, time sync, trimming the journal)."})
public final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--fix", description = "apply the safe fixes") boolean fix;
    @Mixin HubOptions hub;

    @Override
    public Integer call() {
        List<String> options = new ArrayList<>(List.of("--laptop-time", Long.toString(System.currentTimeMillis() / 1000),
                "--laptop-version", BuildInfo.version()));
        if (fix) {
            options.add("--fix");
        }
        return hub.read(List.of("doctor"), options, List.of());
    }
}
