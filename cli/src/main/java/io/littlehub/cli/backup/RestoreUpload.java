package io.littlehub.cli.backup;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.LockOwner;
import io.littlehub.cli.provision.Provisioner;
import io.littlehub.cli.remote.AgentOptions;
import io.littlehub.cli.remote.BackupCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.SshConnector;
import io.littlehub.cli.transport.SshFailure;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.cli.transport.SshTarget;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.backup.ArchiveLayout;
import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.backup.SecretBox;
import io.littlehub.common.backup.SecretsBundle;
import io.littlehub.common.backup.TarFormatException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * {@code littlehub restore ARCHIVE USER@HOST}: proves the archive whole on the laptop first (every entry, its manifest,
 * the passphrase) and touches the host only then: provision it with the archive's config (as {@code littlehub
 * provision --config} does), stream the archive to the agent's {@code restore} (which verifies it again while
 * unpacking, stops the hub, creates the unix users, puts everything in place, starts the hub and checks its health),
 * then converge once more (admins' group and the ACLs of /srv/data for the restored users).
 */
public final class RestoreUpload {
    /** @param noSecrets restore without the archive's secrets (a lost passphrase): students then set new passwords */
    public record Request(
            Path archive, SshTarget target, Path passphraseFile, boolean noSecrets, String hubName, boolean yes) {}

    private final ConfigContext ctx;

    public RestoreUpload(ConfigContext ctx) {
        this.ctx = ctx;
    }

    public int run(Request req) {
        if (!Files.isRegularFile(req.archive())) {
            ctx.err().println("littlehub: " + req.archive() + ": no such file");
            return ExitCodes.USAGE;
        }
        byte[][] config = new byte[1][];
        ArchiveVerifier.Verified v;
        Progress check = new Progress(ctx.err(), "verified");
        try (InputStream in = check.counting(new BufferedInputStream(Files.newInputStream(req.archive()), 1 << 16))) {
            v = ArchiveVerifier.verify(in, (entry, content) -> {
                if (entry.name().equals("etc/littlehub/config.yaml")) {
                    config[0] = content.readAllBytes();
                }
            });
            check.done();
        } catch (TarFormatException e) {
            check.done();
            ctx.err()
                    .println("littlehub: refusing " + req.archive() + ": " + e.getMessage()
                            + ". Nothing was changed on " + req.target().host() + ".");
            return ExitCodes.FAILED;
        } catch (IOException e) {
            ctx.err().println("littlehub: cannot read " + req.archive() + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        ctx.out()
                .println("Archive verified: hub " + v.manifest().hub() + ", made "
                        + v.manifest().created() + " by littlehub "
                        + v.manifest().littlehubVersion() + ", "
                        + v.manifest().entries().size() + " entries, "
                        + v.manifest().users().size()
                        + " homes; every SHA-256 matches its manifest.");
        boolean secrets = v.secretsBox() != null && !req.noSecrets();
        boolean holdHttps = false;
        char[] passphrase = null;
        try {
            if (secrets) {
                passphrase = Passphrases.get(
                        req.passphraseFile(),
                        ctx.prompter(),
                        false,
                        "give --passphrase-file FILE (or --no-secrets to restore without the secrets: students then set new passwords)");
                try {
                    holdHttps = SecretsBundle.open(v.secretsBox(), passphrase).stream()
                            .anyMatch(s -> ArchiveLayout.secretTreeOf(s.entry().name()) != null);
                } catch (SecretBox.WrongPassphrase e) {
                    ctx.err()
                            .println("littlehub: " + e.getMessage() + ". Nothing was changed on "
                                    + req.target().host() + ".");
                    return ExitCodes.FAILED;
                }
            } else {
                ctx.out()
                        .println(
                                v.secretsBox() == null
                                        ? "This archive has no secrets (made with --no-secrets):"
                                        : "Restoring without the secrets (--no-secrets):");
                ctx.out().println("  students set new passwords at their next sign-in, and everyone signs in again.");
            }
            return restore(req, config[0], secrets, passphrase, holdHttps);
        } catch (IllegalArgumentException e) {
            ctx.err().println("littlehub: " + e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    /**
     * {@code holdHttps}: the archive holds Caddy's data (ACME account, certificates), so the first provision leaves the
     * HTTPS front stopped: started on an empty state folder (a fresh VM), Caddy would ask the CA for a new account and
     * certificate at once. The last converge starts it on the restored ones; after a failure, a converge starts it
     * again on what the VM has.
     */
    private int restore(Request req, byte[] config, boolean secrets, char[] passphrase, boolean holdHttps) {
        SshOptions ssh = ctx.ssh()
                .withAcceptNewHostKeys(req.yes() || ctx.ssh().acceptNewHostKeys())
                .withYesOption("--yes");
        Path configFile = null;
        try {
            if (config != null) {
                configFile = Files.createTempFile(
                        "littlehub-restore-",
                        ".yaml",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(configFile, config);
            }
            ctx.out()
                    .println("Provisioning " + req.target().host() + " with the archive's config"
                            + (holdHttps ? " (the HTTPS front waits for the archive's account and certificates)" : "")
                            + ":");
            // The agent's messages (an interrupted change found, say) go where this command's own do.
            Provisioner provisioner = new Provisioner(ctx.out(), ctx.err(), ctx.registry(), null);
            Provisioner.Request converge =
                    new Provisioner.Request(req.target(), List.of(), null, false, false, false, req.hubName(), null);
            int exit = provisioner.run(
                    new Provisioner.Request(
                            req.target(),
                            List.of(),
                            configFile,
                            false,
                            false,
                            false,
                            req.hubName(),
                            null,
                            null,
                            holdHttps),
                    ssh);
            if (exit != ExitCodes.OK) {
                ctx.err().println("littlehub: provisioning failed (exit " + exit + "); the archive was not restored");
                return startHeldFront(exit, holdHttps, provisioner, converge, ssh);
            }
            ctx.out().println();
            ctx.out().println("Restoring the archive on " + req.target().host() + ":");
            exit = upload(req, secrets, passphrase, ssh);
            if (exit != ExitCodes.OK) {
                return startHeldFront(exit, holdHttps, provisioner, converge, ssh);
            }
            ctx.out().println();
            ctx.out()
                    .println("Converging once more (admins' group, shared data access for the restored users"
                            + (holdHttps ? ", the HTTPS front started on the restored certificates" : "") + "):");
            exit = provisioner.run(converge, ssh);
            if (exit == ExitCodes.OK) {
                ctx.out().println();
                ctx.out()
                        .println(
                                "Restored. "
                                        + (secrets
                                                ? "Students sign in with the same accounts and passwords and find their files."
                                                : "Students find their files; with FirstUse sign-in each sets a new password at the next sign-in."));
            }
            return exit;
        } catch (IOException e) {
            ctx.err().println("littlehub: cannot write a temporary file: " + e.getMessage());
            return ExitCodes.FAILED;
        } finally {
            if (configFile != null) {
                try {
                    Files.deleteIfExists(configFile);
                } catch (IOException ignored) {
                    // A private temporary file.
                }
            }
        }
    }

    /** After a failure, the HTTPS front the first provision held is started again by a converge; {@code exit} stands. */
    private int startHeldFront(
            int exit, boolean holdHttps, Provisioner provisioner, Provisioner.Request converge, SshOptions ssh) {
        if (holdHttps) {
            ctx.out().println();
            ctx.out().println("Starting the HTTPS front again (a converge with the config the VM has now):");
            provisioner.run(converge, ssh);
        }
        return exit;
    }

    private int upload(Request req, boolean secrets, char[] passphrase, SshOptions ssh) throws IOException {
        Progress sent = new Progress(ctx.err(), "sent");
        try (RemoteHost host = SshConnector.connect(req.target(), ssh);
                InputStream archive =
                        sent.counting(new BufferedInputStream(Files.newInputStream(req.archive()), 1 << 16))) {
            InputStream stdin = secrets
                    ? new SequenceInputStream(new ByteArrayInputStream(Passphrases.line(passphrase)), archive)
                    : archive;
            int exit = host.runAsRootBinary(
                    BackupCommands.restore(secrets, new AgentOptions(false, null, LockOwner.of(ctx.env()))),
                    stdin,
                    ctx.out(),
                    line -> ctx.err().println("agent: " + line));
            sent.done();
            if (exit != ExitCodes.OK) {
                ctx.err()
                        .println("littlehub: the restore on " + req.target().host() + " failed (exit " + exit
                                + "): see the `agent:` lines above");
                return exit < 0 ? ExitCodes.FAILED : exit;
            }
            return ExitCodes.OK;
        } catch (SshFailure e) {
            ctx.err().println("littlehub: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
    }
}
