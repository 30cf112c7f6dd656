package io.littlehub.cli.hubconfig;

import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.common.ExitCodes;
import java.util.List;

/**
 * Runs one agent command as root and passes its output through as it arrives: stdout lines to stdout unchanged (JSON
 * events stay one per line for scripts), stderr lines to stderr. The agent's exit code is the command's.
 */
public final class AgentPassthrough {
    private AgentPassthrough() {}

    public static int run(ConfigContext ctx, RemoteHost host, List<String> argv) {
        int exit = host.runAsRootStreaming(argv, ctx.out()::println, ctx.err()::println);
        ctx.out().flush();
        ctx.err().flush();
        // -1: the server reported no exit status (the connection went away): the outcome is unknown.
        return exit < 0 ? ExitCodes.FAILED : exit;
    }
}
