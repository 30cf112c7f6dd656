package io.littlehub.cli.backup;

import io.littlehub.agent.ExitCodes;
import io.littlehub.agent.backup.ArchiveLayout;
import io.littlehub.agent.backup.ArchiveVerifier;
import io.littlehub.agent.backup.Manifest;
import io.littlehub.agent.backup.TarFormatException;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.Failures;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.remote.AgentCommands;
import io.littlehub.cli.transport.RemoteHost;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code littlehub backup}: the agent on the VM writes the archive to stdout; here each byte goes both to
 * {@code NAME.part} and to an {@link ArchiveVerifier} in a second thread, which hashes every entry as it streams and
 * checks the manifest at the end. Only a verified archive is renamed to its final name; otherwise the file is deleted.
 */
public final class BackupDownload {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** @param passphraseFile null: asked on the terminal (unless {@code noSecrets}) */
    public record Request(String hubName, Path toDir, boolean noSecrets, Path passphraseFile) {
    }

    private final ConfigContext ctx;

    public BackupDownload(ConfigContext ctx) {
        this.ctx = ctx;
    }

    public int run(Request req) {
        return Failures.guard(ctx, () -> {
            Hub hub = HubConnections.find(ctx.registry(), req.hubName());
            Path dir = req.toDir() == null ? Path.of(".") : req.toDir();
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--to " + dir + ": no such folder");
            }
            char[] passphrase = req.noSecrets() ? null : Passphrases.get(req.passphraseFile(), ctx.prompter(), true,
                    "give --passphrase-file FILE, or --no-secrets to leave the secrets out");
            try (RemoteHost host = HubConnections.connect(ctx, hub)) {
                return download(host, hub, dir, passphrase);
            } finally {
                if (passphrase != null) {
                    Arrays.fill(passphrase, '\0');
                }
            }
        });
    }

    private int download(RemoteHost host, Hub hub, Path dir, char[] passphrase) {
        String name = safe(hub.name()) + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + ArchiveLayout.SUFFIX;
        Path file = dir.resolve(name);
        Path part = dir.resolve(name + ".part");
        Progress progress = new Progress(ctx.err(), "received");
        AtomicReference<Object> verdict = new AtomicReference<>();
        int exit;
        try {
            Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            PipedInputStream pipeIn = new PipedInputStream(1 << 20);
            PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
            Thread verifier = new Thread(() -> verify(pipeIn, verdict), "littlehub-backup-verify");
            verifier.start();
            try (FileOutputStream fileOut = new FileOutputStream(part.toFile());
                 OutputStream tee = progress.counting(new Tee(fileOut, pipeOut))) {
                InputStream stdin = new ByteArrayInputStream(passphrase == null ? new byte[0] : Passphrases.line(passphrase));
                exit = host.runAsRootBinary(AgentCommands.backup(hub.name(), passphrase != null), stdin, tee,
                        line -> ctx.err().println("\ragent: " + line));
                tee.flush();
                fileOut.getFD().sync();
            } finally {
                pipeOut.close();
                verifier.join();
            }
            progress.done();
        } catch (IOException e) {
            deleteQuietly(part);
            ctx.err().println("littlehub: cannot write " + part + ": " + e.getMessage() + "; no backup was kept");
            return ExitCodes.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(part);
            return ExitCodes.FAILED;
        } catch (RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
        if (exit != ExitCodes.OK) {
            deleteQuietly(part);
            ctx.err().println("littlehub: the agent on " + hub.host() + " stopped with exit code " + exit
                    + " (its messages are the `agent:` lines above); no backup was kept");
            return exit < 0 ? ExitCodes.FAILED : exit;
        }
        if (!(verdict.get() instanceof Manifest manifest)) {
            deleteQuietly(part);
            ctx.err().println("littlehub: the archive from " + hub.host() + " failed verification: " + verdict.get()
                    + "; the file was deleted, no backup was kept");
            return ExitCodes.FAILED;
        }
        try {
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(part);
            ctx.err().println("littlehub: cannot rename " + part + " to " + file + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        report(file, manifest, progress.bytes());
        return ExitCodes.OK;
    }

    private static void verify(InputStream in, AtomicReference<Object> verdict) {
        try {
            verdict.set(ArchiveVerifier.verify(in, null).manifest());
        } catch (TarFormatException e) {
            verdict.set(e.getMessage());
        } catch (IOException | RuntimeException e) {
            verdict.set(e.toString());
        } finally {
            try {
                // Keep reading, so the writer never blocks on a verifier that stopped early.
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // The writer closed the pipe.
            }
        }
    }

    private void report(Path file, Manifest m, long bytes) {
        long files = m.entries().stream().filter(e -> "file".equals(e.type())).count();
        ctx.out().println("Backup verified and saved: " + file + " (" + Progress.size(bytes) + ", " + files + " files, "
                + m.users().size() + " homes; every SHA-256 matches its manifest)");
        m.notes().forEach(n -> ctx.out().println("  note: " + n));
        if (m.hasSecrets()) {
            ctx.out().println("The hub's secrets and FirstUse passwords are in it, encrypted with your passphrase: keep the"
                    + " passphrase safe, a restore needs it. The rest of the archive (homes, database, config) is not"
                    + " encrypted: keep the file private.");
        } else {
            ctx.out().println("No secrets in it (--no-secrets): after a restore, students set new passwords at their next sign-in"
                    + " and everyone signs in again. The archive is not encrypted: keep the file private.");
        }
        ctx.out().println("Restore it with: littlehub restore " + file + " USER@HOST");
    }

    private static String safe(String hubName) {
        return hubName.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // Best effort: the message names the file.
        }
    }

    /** Writes every byte to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
