package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.remote.RosterCommands;
import io.littlehub.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code littlehub reset-password NAME}. */
@Command(
        name = "reset-password",
        mixinStandardHelpOptions = true,
        description =
                "FirstUse sign-in: forget a student's password; their next sign-in sets a new one and the old one stops working.")
@ExitsWith({ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNREACHABLE, ExitCodes.INVALID_CONFIG})
public final class ResetPasswordCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin
    HubOptions hub;

    @Override
    public Integer call() {
        return hub.read(o -> RosterCommands.resetPassword(name, o));
    }
}
