package io.littlehub.cli.backup;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubconfig.HubConnections;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.remote.BackupCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.backup.ArchiveLayout;
import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.backup.Manifest;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code littlehub backup}: the agent on the VM writes the archive to stdout; here each byte goes both to
 * {@code NAME.part} and to an {@link ArchiveVerifier} in a second thread, which hashes every entry as it streams and
 * checks the manifest at the end. Only a verified archive is renamed to its final name; otherwise the file is deleted.
 * Unless {@code --full}, the agent gets the manifest of an earlier archive of the hub ({@link PreviousArchive}) and
 * sends the files unchanged since as references to it, which {@link IncrementalMerge} replaces with their content
 * before the bytes go to the file and the verifier: what is saved is a complete archive either way.
 */
public final class BackupDownload {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /**
     * @param passphraseFile null: asked on the terminal (unless {@code noSecrets})
     * @param full every file sent, no earlier archive used
     * @param since the earlier archive to use; null: the newest of the hub's in {@code toDir}
     */
    public record Request(
            String hubName, Path toDir, boolean noSecrets, Path passphraseFile, boolean full, Path since) {}

    private final ConfigContext ctx;

    public BackupDownload(ConfigContext ctx) {
        this.ctx = ctx;
    }

    public int run(Request req) {
        Hub hub = HubConnections.find(ctx.registry(), req.hubName());
        Path dir = req.toDir() == null ? Path.of(".") : req.toDir();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--to " + dir + ": no such folder");
        }
        if (req.since() != null && !Files.isRegularFile(req.since())) {
            throw new IllegalArgumentException(
                    "--since " + req.since() + ": no such file (give an earlier archive of the hub, or --full)");
        }
        char[] passphrase = req.noSecrets()
                ? null
                : Passphrases.get(
                        req.passphraseFile(),
                        ctx.prompter(),
                        true,
                        "give --passphrase-file FILE, or --no-secrets to leave the secrets out");
        try (PreviousArchive earlier = req.full()
                        ? null
                        : PreviousArchive.choose(dir, safe(hub.name()) + "-", req.since(), hub.name(), ctx.err());
                RemoteHost host = HubConnections.connect(ctx, hub)) {
            int exit = download(host, hub, dir, passphrase, earlier);
            if (exit == ExitCodes.USAGE && earlier != null) {
                // The hub's own agent is of a littlehub release without incremental backups: it refused --since-stdin.
                ctx.err()
                        .println(
                                "littlehub: the hub runs an older littlehub, which cannot send only the changes: sending everything");
                exit = download(host, hub, dir, passphrase, null);
            }
            return exit;
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    /** @param earlier null: a full backup */
    private int download(RemoteHost host, Hub hub, Path dir, char[] passphrase, PreviousArchive earlier) {
        String name = safe(hub.name()) + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + ArchiveLayout.SUFFIX;
        Path file = dir.resolve(name);
        Path part = dir.resolve(name + ".part");
        Progress progress = new Progress(ctx.err(), "received");
        AtomicReference<Object> verdict = new AtomicReference<>();
        int exit;
        IncrementalMerge.Running merging = null;
        try {
            Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            PipedInputStream pipeIn = new PipedInputStream(1 << 20);
            PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
            Thread verifier = PipeReader.start(
                    "littlehub-backup-verify",
                    pipeIn,
                    in -> ArchiveVerifier.verify(in, null).manifest(),
                    verdict);
            try (FileOutputStream fileOut = new FileOutputStream(part.toFile())) {
                OutputStream archive = new Tee(fileOut, pipeOut);
                merging = earlier == null ? null : new IncrementalMerge(earlier, progress::reused).start(archive);
                try (OutputStream wire = progress.counting(merging == null ? archive : merging)) {
                    List<String> argv = BackupCommands.toStdout(hub.name(), passphrase != null, earlier != null);
                    exit = host.runAsRootBinary(
                            argv,
                            stdin(passphrase, earlier),
                            wire,
                            line -> ctx.err().println("\ragent: " + line));
                }
                fileOut.getFD().sync();
            } finally {
                if (merging != null) {
                    merging.close();
                }
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
            if (exit != ExitCodes.USAGE || earlier == null) {
                ctx.err()
                        .println("littlehub: the agent on " + hub.host() + " stopped with exit code " + exit
                                + " (its messages are the `agent:` lines above); no backup was kept");
            }
            return exit < 0 ? ExitCodes.FAILED : exit;
        }
        if (merging != null && merging.failure() != null) {
            deleteQuietly(part);
            ctx.err().println("littlehub: " + merging.failure() + "; the file was deleted, no backup was kept");
            return ExitCodes.FAILED;
        }
        if (!(verdict.get() instanceof Manifest manifest)) {
            deleteQuietly(part);
            ctx.err()
                    .println("littlehub: the archive from " + hub.host() + " failed verification: " + verdict.get()
                            + "; the file was deleted, no backup was kept");
            return ExitCodes.FAILED;
        }
        long size;
        try {
            size = Files.size(part);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(part);
            ctx.err().println("littlehub: cannot rename " + part + " to " + file + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        report(file, size, manifest, progress, earlier);
        return ExitCodes.OK;
    }

    /** The passphrase line (when there are secrets), then the earlier archive's manifest (for an incremental backup). */
    private static InputStream stdin(char[] passphrase, PreviousArchive earlier) {
        byte[] line = passphrase == null ? new byte[0] : Passphrases.line(passphrase);
        byte[] since = earlier == null ? new byte[0] : earlier.manifest().toGzip();
        return new SequenceInputStream(new ByteArrayInputStream(line), new ByteArrayInputStream(since));
    }

    private void report(Path file, long size, Manifest m, Progress progress, PreviousArchive earlier) {
        long files = m.entries().stream().filter(e -> "file".equals(e.type())).count();
        ctx.out()
                .println("Backup verified and saved: " + file + " (" + Progress.size(size) + ", " + files + " files, "
                        + m.users().size() + " homes; every SHA-256 matches its manifest)");
        ctx.out()
                .println("sent " + Progress.size(progress.bytes())
                        + (earlier == null
                                ? " (every file)"
                                : ", reused " + Progress.size(progress.reused()) + " from "
                                        + earlier.file().getFileName() + " (files of the same size and time)"));
        m.notes().forEach(n -> ctx.out().println("  note: " + n));
        if (m.hasSecrets()) {
            ctx.out()
                    .println(
                            "The hub's secrets and FirstUse passwords are in it, encrypted with your passphrase: keep the"
                                    + " passphrase safe, a restore needs it. The rest of the archive (homes, database, config) is not"
                                    + " encrypted: keep the file private.");
        } else {
            ctx.out()
                    .println(
                            "No secrets in it (--no-secrets): after a restore, students set new passwords at their next sign-in"
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

    /** Writes every byte to both streams; closing it closes the second (the verifier's pipe), the file stays open for its sync. */
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

        @Override
        public void close() throws IOException {
            flush();
            b.close();
        }
    }
}
