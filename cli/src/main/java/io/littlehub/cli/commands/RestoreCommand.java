package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.backup.RestoreUpload;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.transport.SshTarget;
import io.littlehub.common.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code littlehub restore ARCHIVE USER@HOST [--passphrase-file FILE]}: parses, then {@link RestoreUpload}. */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Restore a backup archive onto a VM (a fresh one, or the hub's own): the archive is verified first"
                    + " (nothing changes when it is truncated or damaged), then the VM is provisioned with the archive's config,"
                    + " and the homes, database, secrets, data and history are put back; the hub restarts and is checked."
        })
@ExitsWith({
    ExitCodes.OK,
    ExitCodes.FAILED,
    ExitCodes.USAGE,
    ExitCodes.UNREACHABLE,
    ExitCodes.UNSUPPORTED,
    ExitCodes.INVALID_CONFIG
})
public final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "a .littlehub-backup.tar from `littlehub backup`")
    Path archive;

    @Parameters(index = "1", paramLabel = "USER@HOST", description = "the VM, as you would give it to ssh")
    String target;

    @Option(names = "-p", paramLabel = "PORT", description = "SSH port")
    Integer port;

    @Option(names = "-i", paramLabel = "IDENTITY", description = "private key file")
    Path identity;

    @Option(names = "--yes", description = "accept the VM's host key on first contact without asking")
    boolean yes;

    @Option(names = "--hub", paramLabel = "NAME", description = "remember the hub under this name (default: the host)")
    String name;

    /** The old spelling, kept for scripts: every other command names the hub with {@code --hub}. */
    @Option(names = "--name", paramLabel = "HUB", hidden = true)
    void oldName(String hub) {
        name = hub;
    }

    @ArgGroup(exclusive = true)
    Secrets secrets;

    static final class Secrets {
        @Option(
                names = "--passphrase-file",
                paramLabel = "FILE",
                description = "the passphrase of the archive's secrets (first line); default: asked")
        Path file;

        @Option(
                names = "--no-secrets",
                description = "restore without the archive's secrets (lost passphrase): students set new passwords")
        boolean none;
    }

    private final Supplier<ConfigContext> context;

    public RestoreCommand() {
        this(ConfigContext::fromEnvironment);
    }

    public RestoreCommand(Supplier<ConfigContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        SshTarget t = SshTarget.parse(target, port, identity);
        return new RestoreUpload(context.get())
                .run(new RestoreUpload.Request(
                        archive, t, secrets == null ? null : secrets.file, secrets != null && secrets.none, name, yes));
    }
}
