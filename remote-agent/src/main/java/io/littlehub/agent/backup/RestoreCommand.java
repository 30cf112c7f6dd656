package io.littlehub.agent.backup;

import io.littlehub.agent.ChangeOptions;
import io.littlehub.agent.config.ConfigLock;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.SecretBox;
import io.littlehub.common.backup.SecretsBundle;
import io.littlehub.common.backup.TarFormatException;
import io.littlehub.common.config.Layout;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code littlehub-agent restore --from-stdin [--passphrase-stdin]}: reads a backup archive from stdin (after the
 * passphrase line), unpacking it into {@code /var/lib/littlehub/restore/<time>/stage} while verifying it against its
 * manifest. Only a complete, unchanged archive (and secrets the passphrase opens) is then put in place
 * ({@link Restorer}); otherwise the staging folder is removed and nothing on the VM has changed.
 */
@Command(
        name = "restore",
        description = "Restore a backup archive read from stdin onto this hub (stops and restarts the hub).")
public final class RestoreCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--from-stdin", required = true, description = "read the archive from stdin")
    boolean fromStdin;

    @Option(
            names = "--passphrase-stdin",
            description = "the first line of stdin is the passphrase of the archive's secrets")
    boolean passphraseStdin;

    @Option(names = "--no-secrets", description = "do not restore the archive's secrets even if it has them")
    boolean noSecrets;

    /** --wait and --who: it holds the hub's change lock while it puts the archive in place. */
    @Mixin
    ChangeOptions change;

    @Override
    public Integer call() throws Exception {
        InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
        char[] passphrase = passphraseStdin ? Stdin.line(in) : null;
        Path root = Files.createDirectories(Path.of(Layout.RESTORE_DIR));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        Path work = root.resolve(LocalDateTime.now().format(STAMP));
        Files.createDirectory(work);
        Staging staging = new Staging(Files.createDirectory(work.resolve("stage")));
        Manifest manifest;
        boolean secrets;
        try {
            ArchiveVerifier.Verified v = ArchiveVerifier.verify(in, staging);
            manifest = v.manifest();
            secrets = v.secretsBox() != null && !noSecrets;
            if (secrets) {
                if (passphrase == null) {
                    System.err.println(
                            "the archive's secrets are encrypted: give their passphrase (or restore without secrets); nothing changed");
                    HubArchive.deleteTree(work);
                    return ExitCodes.USAGE;
                }
                for (SecretsBundle.Secret s : SecretsBundle.open(v.secretsBox(), passphrase)) {
                    staging.secret(s);
                }
            }
        } catch (TarFormatException | SecretBox.WrongPassphrase e) {
            System.err.println("refused: " + e.getMessage() + "; nothing changed on the hub");
            HubArchive.deleteTree(work);
            return ExitCodes.FAILED;
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
        System.out.println("archive verified: " + manifest.entries().size() + " entries from hub " + manifest.hub()
                + " (" + manifest.created() + ", littlehub " + manifest.littlehubVersion() + ")");
        Optional<ConfigLock> lock =
                ConfigLock.take(ConfigLock.DEFAULT, "restore", change.who(), change.waitSeconds(), System.err);
        if (lock.isEmpty()) {
            HubArchive.deleteTree(work);
            return ExitCodes.LOCKED;
        }
        try (ConfigLock held = lock.get()) {
            if (held.interrupted().isPresent()) {
                System.err.println("  this restore puts every part of the archive in place, whatever that change left");
            }
            Restorer.onThisMachine(System.out).restore(staging, manifest, work.resolve("before"), secrets);
        }
        HubArchive.deleteTree(staging.dir());
        if (!secrets) {
            System.out.println(
                    "no secrets restored: students set new passwords at their next sign-in (FirstUse), and everyone signs in again");
        }
        return ExitCodes.OK;
    }
}
