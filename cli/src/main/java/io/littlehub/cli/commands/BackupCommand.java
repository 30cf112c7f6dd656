package io.littlehub.cli.commands;

import io.littlehub.cli.backup.BackupDownload;
import io.littlehub.cli.hubconfig.ConfigContext;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code littlehub backup [--to DIR] [--no-secrets | --passphrase-file FILE]}: parses, then {@link BackupDownload}. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Download one verified backup archive of the hub: students' homes, the hub database, the config and"
                + " its history, the users' environment record, /srv/data, and the secrets (FirstUse passwords included)"
                + " encrypted with a passphrase.", "Saved as HUB-TIME.littlehub-backup.tar (mode 0600)."})
public final class BackupCommand implements Callable<Integer> {
    @Option(names = "--hub", paramLabel = "NAME", description = "the hub (default: the last provisioned one)") String hub;
    @Option(names = "--to", paramLabel = "DIR", description = "the folder for the archive (default: the current folder)") Path to;

    @ArgGroup(exclusive = true)
    Secrets secrets;

    static final class Secrets {
        @Option(names = "--no-secrets", description = "leave the secrets out: after a restore students set new passwords") boolean none;
        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "the passphrase (first line) that encrypts the secrets; default: asked twice") Path file;
    }

    private final Supplier<ConfigContext> context;

    public BackupCommand() {
        this(ConfigContext::fromEnvironment);
    }

    public BackupCommand(Supplier<ConfigContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        boolean none = secrets != null && secrets.none;
        Path file = secrets == null ? null : secrets.file;
        return new BackupDownload(context.get()).run(new BackupDownload.Request(hub, to, none, file));
    }
}
