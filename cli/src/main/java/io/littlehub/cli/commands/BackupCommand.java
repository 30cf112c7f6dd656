package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.backup.BackupDownload;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.ManyHubs;
import io.littlehub.cli.operate.AgentVerb;
import io.littlehub.cli.remote.BackupCommands;
import io.littlehub.common.ExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code littlehub backup [--to-dir DIR] [--no-secrets | --passphrase-file FILE] [--full | --since FILE]}: parses, then
 * {@link BackupDownload};
 * {@code littlehub backup --schedule off|daily|weekly [--keep N]}: passed through to the agent's
 * {@code backup --schedule} ({@link AgentVerb}), which validates and applies the config change.
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Download one verified backup archive of the hub: students' homes, the hub database, the config and"
                    + " its history, the users' environment record, /srv/data, and the secrets (FirstUse passwords included)"
                    + " encrypted with a passphrase.",
            "Saved as HUB-TIME.littlehub-backup.tar (mode 0600); with --hubs, in DIR/HUB/ for each hub.",
            "Files unchanged since the newest earlier archive of the hub in --to-dir (same size and time) are copied from it"
                    + " instead of sent again; --full sends everything.",
            "With --schedule, the hub backs itself up instead: daily or weekly into /var/backups/littlehub on the VM, the"
                    + " newest --keep N (default 7) kept, their secrets sealed with the passphrase in /etc/littlehub/backup-passphrase."
        })
@ExitsWith({
    ExitCodes.OK,
    ExitCodes.FAILED,
    ExitCodes.USAGE,
    ExitCodes.UNREACHABLE,
    ExitCodes.INVALID_CONFIG,
    ExitCodes.LOCKED
})
public final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--hub", paramLabel = "NAME", description = "the hub (default: the last provisioned one)")
    String hub;

    @Option(
            names = "--to-dir",
            paramLabel = "DIR",
            description = "the folder for the archive (default: the current folder)")
    Path to;

    /** The old spelling, kept for scripts: {@code upgrade}'s version guard is {@code --release}, so no {@code --to}. */
    @Option(names = "--to", paramLabel = "DIR", hidden = true)
    void oldTo(Path dir) {
        to = dir;
    }

    @ArgGroup(exclusive = true)
    Secrets secrets;

    static final class Secrets {
        @Option(
                names = "--no-secrets",
                description = "leave the secrets out: after a restore students set new passwords")
        boolean none;

        @Option(
                names = "--passphrase-file",
                paramLabel = "FILE",
                description = "the passphrase (first line) that encrypts the secrets; default: asked twice")
        Path file;
    }

    @ArgGroup(exclusive = true)
    Base base;

    static final class Base {
        @Option(names = "--full", description = "send every file, use no earlier archive")
        boolean full;

        @Option(
                names = "--since",
                paramLabel = "FILE",
                description = "copy unchanged files from this earlier archive of the hub"
                        + " (default: the newest in --to-dir)")
        Path since;
    }

    @Option(
            names = "--schedule",
            paramLabel = "off|daily|weekly",
            description = "back up on the VM on this schedule (off: stop)")
    String schedule;

    @Option(
            names = "--keep",
            paramLabel = "N",
            description = "with --schedule: how many archives the VM keeps (1 to 365)")
    Integer keep;

    @Mixin
    SelectedHubs targets;

    private final Supplier<ConfigContext> context;

    public BackupCommand() {
        this(ConfigContext::fromEnvironment);
    }

    public BackupCommand(Supplier<ConfigContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (schedule == null && keep != null) {
            throw new ParameterException(spec.commandLine(), "--keep goes with --schedule");
        }
        if (schedule != null) {
            if (to != null || secrets != null || base != null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--schedule takes only --keep and --hub: the VM keeps its archives"
                                + " and seals their secrets with its own passphrase");
            }
            return each((ctx, name) ->
                    new AgentVerb(ctx).run(name, o -> BackupCommands.schedule(schedule, keep, o), true, false, null));
        }
        boolean none = secrets != null && secrets.none;
        Path file = secrets == null ? null : secrets.file;
        boolean full = base != null && base.full;
        Path since = base == null ? null : base.since;
        if (!targets.many()) {
            return each((ctx, name) ->
                    new BackupDownload(ctx).run(new BackupDownload.Request(name, to, none, file, full, since)));
        }
        if (!none && file == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--hubs backs up several hubs at once, with nobody to type a passphrase:"
                            + " give --passphrase-file FILE or --no-secrets");
        }
        if (since != null) {
            throw new ParameterException(
                    spec.commandLine(), "--since names one hub's archive: with --hubs each hub's folder has its own");
        }
        // One folder per hub, so each hub's next archive finds its own earlier one.
        Path root = to == null ? Path.of(".") : to;
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--to-dir " + root + ": no such folder");
        }
        return each((ctx, name) -> new BackupDownload(ctx)
                .run(new BackupDownload.Request(name, folder(root.resolve(name)), none, file, full, null)));
    }

    private int each(ManyHubs.OnHub command) {
        return targets.each(context.get(), hub, false, command);
    }

    private static Path folder(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
