package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.backup.HomesExport;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.z2jh.Z2jhExport;
import io.littlehub.common.ExitCodes;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code littlehub export z2jh|homes}: when the class outgrows one VM, the hub for Zero to JupyterHub. Parses, then
 * {@link Z2jhExport} or {@link HomesExport}.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "When the class outgrows one VM: the hub for Zero to JupyterHub (the JupyterHub project's Helm"
                + " chart on Kubernetes): its values, the users' environment as an image, the students' homes.")
@ExitsWith({ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNREACHABLE})
public final class ExportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final Supplier<ConfigContext> context;

    public ExportCommand() {
        this(ConfigContext::fromEnvironment);
    }

    public ExportCommand(Supplier<ConfigContext> context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "z2jh",
            mixinStandardHelpOptions = true,
            description =
                    "Write values.yaml, secret-values.yaml (0600), image/ (Dockerfile and requirements of the users'"
                            + " environment) and MIGRATION.md (what maps, what changes, every key with no equivalent, the"
                            + " commands to run).")
    int z2jh(
            @Option(names = "--out", paramLabel = "DIR", description = "the folder to write (default: z2jh-HUB)")
                    Path out,
            @Option(names = "--hub", paramLabel = "NAME", description = "the hub (default: the last provisioned one)")
                    String hub,
            @Option(names = "--force", description = "write into a folder that is not empty") boolean force,
            @Option(
                            names = "--carry-secrets",
                            description = "also put the hub's cookie secret and the proxy's token in secret-values.yaml"
                                    + " (signed-in students stay signed in)")
                    boolean carrySecrets)
            throws Exception {
        return new Z2jhExport(context.get()).run(new Z2jhExport.Request(hub, out, force, carrySecrets));
    }

    @Command(
            name = "homes",
            mixinStandardHelpOptions = true,
            description = "Download every home of the roster and the admins as one verified archive each (owned by the"
                    + " chart's user, 1000:100), with a Kubernetes Job that restores them into the chart's claims.")
    int homes(
            @Option(names = "--to", paramLabel = "DIR", required = true, description = "the folder to write") Path to,
            @Option(names = "--hub", paramLabel = "NAME", description = "the hub (default: the last provisioned one)")
                    String hub,
            @Option(names = "--force", description = "write into a folder that is not empty") boolean force)
            throws Exception {
        return new HomesExport(context.get()).run(new HomesExport.Request(hub, to, force));
    }
}
