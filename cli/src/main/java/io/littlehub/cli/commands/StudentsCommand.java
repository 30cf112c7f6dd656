package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.remote.RosterCommands;
import io.littlehub.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code littlehub students [--json]}. */
@Command(
        name = "students",
        mixinStandardHelpOptions = true,
        description =
                "List the roster and every hub user: admin, server running, last activity, home size (--json: one array).")
@ExitsWith({ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNREACHABLE})
public final class StudentsCommand implements Callable<Integer> {
    @Mixin
    HubOptions hub;

    @Override
    public Integer call() {
        return hub.read(RosterCommands::students);
    }
}
