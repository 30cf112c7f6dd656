package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.operate.SshLogin;
import io.littlehub.common.ExitCodes;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code littlehub ssh [--hub NAME] [-- COMMAND…]}: parses, then {@link SshLogin}. */
@Command(
        name = "ssh",
        mixinStandardHelpOptions = true,
        description = {
            "Log in to the hub's VM with the system ssh and the connection the hub was provisioned with (user, host,"
                    + " port, key), or run one command there: littlehub ssh -- sudo systemctl status jupyterhub"
        })
@ExitsWith(
        value = {ExitCodes.FAILED, ExitCodes.USAGE},
        others = "ssh's own: the command's exit code, or 255 when ssh could not connect"
                + " (1: also when ssh is not installed)")
public final class SshCommand implements Callable<Integer> {
    @Option(names = "--hub", paramLabel = "NAME", description = "the hub (default: the last provisioned one)")
    String hub;

    @Parameters(
            paramLabel = "COMMAND",
            arity = "0..*",
            description = "a command to run on the VM instead of a login shell (after --)")
    List<String> command;

    private final Supplier<ConfigContext> context;

    public SshCommand() {
        this(ConfigContext::fromEnvironment);
    }

    public SshCommand(Supplier<ConfigContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return new SshLogin(context.get()).run(hub, command == null ? List.of() : command);
    }
}
