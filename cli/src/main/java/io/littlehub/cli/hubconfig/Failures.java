package io.littlehub.cli.hubconfig;

import io.littlehub.common.ExitCodes;
import io.littlehub.cli.transport.SshFailure;
import java.util.function.IntSupplier;

/** Turns the ways a config verb fails before the agent answers into a message on stderr and an exit code. */
public final class Failures {
    private Failures() {
    }

    public static int guard(ConfigContext ctx, IntSupplier verb) {
        try {
            return verb.getAsInt();
        } catch (HubConnections.NoSuchHub e) {
            ctx.err().println("littlehub: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (SshFailure e) {
            ctx.err().println("littlehub: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
    }
}
