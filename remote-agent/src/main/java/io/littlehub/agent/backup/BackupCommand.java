package io.littlehub.agent.backup;

import io.littlehub.agent.ChangeOptions;
import io.littlehub.agent.config.ConfigLock;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.SecretBox;
import io.littlehub.common.backup.TarFormatException;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.LocalMachine;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code littlehub-agent backup}, three ways:
 * <ul>
 *   <li>{@code --to-stdout (--no-secrets | --passphrase-stdin) [--since-stdin] [--hub NAME]}: one archive (a tar
 *       stream, see {@link BackupWriter}) to stdout, for the laptop; stdin's first line is the passphrase; with
 *       {@code --since-stdin} the rest of stdin is the laptop's earlier archive's manifest ({@link Manifest#toGzip}),
 *       and the files it holds unchanged are sent as references to it ({@link QuickCheck});</li>
 *   <li>{@code --to-dir DIR --keep N --passphrase-file FILE [--hub NAME]}: one archive into DIR, the oldest beyond N
 *       deleted ({@link ArchiveFolder}); what the backup timer runs;</li>
 *   <li>{@code --schedule off|daily|weekly [--keep N]}: sets backup.schedule and backup.keep ({@link BackupSchedule}).</li>
 * </ul>
 * Notes and errors go to stderr.
 */
@Command(
        name = "backup",
        description = {
            "Write a backup archive of the hub (homes, database, config, history, data, secrets) to stdout"
                    + " or into a folder, or schedule backups on the hub VM."
        },
        footer = {
            "",
            "Exit codes: 0 done, 1 no archive written (nothing deleted) or an older one not deleted, 2 bad command line or"
                    + " passphrase file, 5 (--schedule) the config has problems (nothing changed), 6 another change holds the config lock."
        })
public final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    static final class Destination {
        @Option(names = "--to-stdout", description = "write the archive (a tar stream) to stdout")
        boolean stdout;

        @Option(
                names = "--to-dir",
                paramLabel = "DIR",
                description = "write the archive into DIR as HUB-yyyyMMdd-HHmmss.tar (UTC; root 0600;"
                        + " DIR made root 0700 if missing), then delete this hub's oldest archives there beyond --keep")
        Path dir;

        @Option(
                names = "--schedule",
                paramLabel = "off|daily|weekly",
                description = "set the hub config's backup.schedule (and backup.keep"
                        + " with --keep) and apply: a timer writes archives into /var/backups/littlehub")
        String schedule;
    }

    @Option(
            names = "--keep",
            paramLabel = "N",
            description = "with --to-dir: how many archives to keep (1 to 365); with --schedule: backup.keep")
    Integer keep;

    @Option(
            names = "--since-stdin",
            description =
                    "with --to-stdout: stdin (after the passphrase line) holds the gzipped manifest of"
                            + " the reader's earlier archive; files unchanged since (same size and time) are sent as references to it")
    boolean since;

    @Option(
            names = "--hub",
            paramLabel = "NAME",
            description = "the hub's name, in the manifest and the file name (default: the host name)")
    String hub;

    @ArgGroup(exclusive = true)
    Secrets secrets;

    static final class Secrets {
        @Option(
                names = "--no-secrets",
                description = "leave the secrets out (students then set new passwords after a restore)")
        boolean none;

        @Option(
                names = "--passphrase-stdin",
                description = "encrypt the secrets with the passphrase on stdin's first line")
        boolean stdin;

        @Option(
                names = "--passphrase-file",
                paramLabel = "FILE",
                description = "encrypt the secrets with the passphrase on FILE's first line")
        Path file;
    }

    /** --json, --wait, --who: for --schedule, which changes the config; --wait and --who for --to-dir (the lock). */
    @Mixin
    ChangeOptions change;

    @Override
    public Integer call() throws Exception {
        String problem = usageProblem();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        if (destination.schedule != null) {
            return new BackupSchedule(new LocalMachine()).apply(destination.schedule, keep, change);
        }
        char[] passphrase;
        QuickCheck earlier;
        try {
            passphrase = secrets.none ? null : passphrase();
            earlier = since ? QuickCheck.of(Manifest.parseGzip(System.in)) : QuickCheck.NONE;
        } catch (IllegalArgumentException | TarFormatException e) {
            System.err.println(e.getMessage() + "; no archive written");
            return ExitCodes.USAGE;
        }
        try {
            String name = hub == null ? HubArchive.host() : hub;
            if (destination.dir != null) {
                int wait = matched("--wait") ? change.waitSeconds() : LockedBackup.WAIT_SECONDS;
                return LockedBackup.run(
                        ConfigLock.DEFAULT,
                        change.who(),
                        wait,
                        System.err,
                        () -> new ArchiveFolder(destination.dir, Clock.systemUTC(), System.out, System.err)
                                .backUp(name, keep, out -> HubArchive.write(out, name, passphrase, QuickCheck.NONE)));
            }
            OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
            Manifest m = HubArchive.write(out, name, passphrase, earlier);
            out.flush();
            System.err.println("backup written: " + m.entries().size() + " entries, "
                    + m.users().size() + " homes, secrets " + m.secrets());
            return ExitCodes.OK;
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    /** The first line of stdin or of --passphrase-file, long enough to seal the secrets. */
    private char[] passphrase() throws IOException {
        char[] passphrase;
        if (secrets.stdin) {
            passphrase = Stdin.line(System.in);
        } else {
            try (InputStream in = Files.newInputStream(secrets.file)) {
                passphrase = Stdin.line(in);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("the passphrase file " + secrets.file + " does not exist");
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot read the passphrase file " + secrets.file + ": " + e.getMessage());
            }
        }
        SecretBox.checkPassphrase(passphrase);
        return passphrase;
    }

    private boolean matched(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** What the options cannot mean together, or null. */
    private String usageProblem() {
        boolean changeOptions = Stream.of("--json", "--wait", "--who").anyMatch(this::matched);
        if (destination.schedule != null) {
            return secrets != null || hub != null || since
                    ? "--schedule takes only --keep (and --json, --wait, --who)"
                    : null;
        }
        if (destination.dir != null ? matched("--json") : changeOptions) {
            return destination.dir != null
                    ? "--to-dir takes --wait and --who, not --json"
                    : "--json, --wait and --who go with --schedule";
        }
        if (since && !destination.stdout) {
            return "--since-stdin goes with --to-stdout";
        }
        if (destination.stdout) {
            return keep != null
                    ? "--keep goes with --to-dir or --schedule"
                    : secrets == null || secrets.file != null
                            ? "--to-stdout needs --no-secrets or --passphrase-stdin"
                            : null;
        }
        if (secrets == null || secrets.file == null) {
            return "--to-dir needs --passphrase-file FILE (the scheduled backups' is " + Layout.BACKUP_PASSPHRASE + ")";
        }
        if (keep == null || keep < Retention.MIN_KEEP || keep > Retention.MAX_KEEP) {
            return "--to-dir needs --keep N, from " + Retention.MIN_KEEP + " to " + Retention.MAX_KEEP;
        }
        return null;
    }
}
