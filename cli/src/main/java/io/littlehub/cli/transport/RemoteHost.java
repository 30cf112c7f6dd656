package io.littlehub.cli.transport;

import io.littlehub.cli.remote.FileCommands;
import io.littlehub.cli.remote.SudoCommands;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.xfer.FileSystemFile;

/**
 * A connected, logged-in VM: what the rest of the CLI uses. Commands are argv lists, quoted for the remote shell
 * ({@link ShellQuote}); nothing is pasted into a shell. Root commands go through sudo as {@link Sudo} finds out
 * (asking for the sudo password at most once per connection). Open one with {@link SshConnector}. A step that
 * only reads ({@link #retryingStalls}) is tried again on a new connection when the network stalls.
 */
public final class RemoteHost implements AutoCloseable {
    private final Supplier<Link> connect;
    private final ResolvedTarget target;
    private final Prompter prompter;
    private final StallRetry retry;
    private Link link;
    private Sudo sudo;

    /** {@code connect}: opens a new link (the first one, and again after a stall). */
    RemoteHost(Supplier<Link> connect, ResolvedTarget target, Prompter prompter, StallRetry retry) {
        this.connect = connect;
        this.target = target;
        this.prompter = prompter;
        this.retry = retry;
        this.link = connect.get();
    }

    public ResolvedTarget target() {
        return target;
    }

    /** The login user. */
    public String user() {
        return target.user();
    }

    /** Runs {@code argv} as the login user and collects its output. */
    public Result run(List<String> argv) {
        return collect(argv, null, argv);
    }

    /** Runs {@code argv} as root: directly when the login user is root, else through sudo. */
    public Result runAsRoot(List<String> argv) {
        Sudo.Prepared p = sudo().prepare(argv);
        return collect(p.argv(), p.stdin(), argv);
    }

    /**
     * Runs {@code argv} as root, handing each stdout and stderr line to the consumers as it arrives. On a connection
     * that does not know its way to root yet this is one exec when no password is needed ({@link
     * #runAsRootIfNoPassword}: without stdin, a command that did not run can simply be run again the usual way).
     */
    public int runAsRootStreaming(List<String> argv, Consumer<String> stdoutLine, Consumer<String> stderrLine) {
        OptionalInt found = runAsRootIfNoPassword(argv, InputStream.nullInputStream(), stdoutLine, stderrLine);
        if (found.isPresent()) {
            return found.getAsInt();
        }
        Sudo.Prepared p = sudo().prepare(argv);
        return exec(p.argv(), stdin(p.stdin()), argv, new LineSplitter(stdoutLine), new LineSplitter(stderrLine));
    }

    /**
     * Runs {@code argv} as root: {@code stdin} is sent after sudo's password line (when sudo needs one), and may
     * wait for what the output says; each stdout and stderr line goes to the consumers as it arrives.
     */
    public int runAsRootStreaming(
            List<String> argv, InputStream stdin, Consumer<String> stdoutLine, Consumer<String> stderrLine) {
        return runAsRootBinary(argv, stdin, new LineSplitter(stdoutLine), stderrLine);
    }

    /**
     * Like {@link #runAsRootStreaming(List, InputStream, Consumer, Consumer)} on a connection that may not know its
     * way to root yet: when none is needed (the login user is root) or sudo needs no password, the way is found in
     * the same exec ({@link SudoCommands#asRootWithoutPassword}), which saves the probe's round trip and its sudo
     * call. Empty when sudo wants a password or is missing: nothing ran, and {@code runAsRootStreaming} finds the way
     * (asking for the password) for the caller's second try.
     */
    public OptionalInt runAsRootIfNoPassword(
            List<String> argv, InputStream stdin, Consumer<String> stdoutLine, Consumer<String> stderrLine) {
        Sudo known;
        synchronized (this) {
            known = sudo;
        }
        if (known != null) {
            return OptionalInt.of(runAsRootStreaming(argv, stdin, stdoutLine, stderrLine));
        }
        WayToRootLines lines = new WayToRootLines(stdoutLine, stderrLine);
        int exit = exec(
                SudoCommands.asRootWithoutPassword(argv),
                stdin,
                argv,
                new LineSplitter(lines::stdout),
                new LineSplitter(lines::stderr));
        Optional<String> way = lines.found();
        if (way.isEmpty()) {
            return OptionalInt.empty();
        }
        synchronized (this) {
            sudo = Sudo.found(way.get());
        }
        return OptionalInt.of(exit);
    }

    /**
     * Runs {@code argv} as root with binary streams: {@code stdin} is sent after sudo's password line (when sudo needs
     * one), stdout goes to {@code stdout} byte for byte (an archive), stderr lines to {@code stderrLine}.
     */
    public int runAsRootBinary(List<String> argv, InputStream stdin, OutputStream stdout, Consumer<String> stderrLine) {
        Sudo.Prepared p = sudo().prepare(argv);
        InputStream in =
                p.stdin() == null ? stdin : new SequenceInputStream(new ByteArrayInputStream(p.stdin()), stdin);
        return exec(p.argv(), in, argv, stdout, new LineSplitter(stderrLine));
    }

    /**
     * Copies a local file to {@code remotePath} as the login user (SFTP), with permissions {@code mode} (e.g. 0644):
     * written to a temporary name beside it, then renamed, so the file is never seen half-written.
     */
    public void upload(Path local, String remotePath, int mode) {
        String tmp = remotePath + ".littlehub-" + randomSuffix();
        try (SFTPClient sftp = link.sftp()) {
            sftp.put(new FileSystemFile(local.toFile()), tmp);
            sftp.chmod(tmp, mode);
        } catch (IOException e) {
            run(FileCommands.remove(tmp));
            throw new SshFailure(
                    "cannot upload " + local + " to " + remotePath + " on " + target.hostName() + " as " + user() + ": "
                            + e.getMessage(),
                    "check that " + user() + " may write there (or upload as root)",
                    e);
        }
        Result mv = run(FileCommands.move(tmp, remotePath));
        if (!mv.ok()) {
            run(FileCommands.remove(tmp));
            throw new SshFailure(
                    "cannot move the uploaded file into place at " + remotePath + ": "
                            + mv.stderr().strip(),
                    "check that " + user() + " may write to " + remotePath);
        }
    }

    /**
     * Copies a local file to {@code remotePath} owned by root with permissions {@code mode}: uploaded as the login
     * user into a private temporary folder, installed next to the target as root, then renamed into place.
     */
    public void uploadAsRoot(Path local, String remotePath, int mode) {
        Result dir = run(FileCommands.makeTemporaryFolder());
        if (!dir.ok()) {
            throw new SshFailure(
                    "cannot create a temporary folder on " + target.hostName() + ": "
                            + dir.stderr().strip(),
                    "check that /tmp on the VM is writable and not full");
        }
        String tmpDir = dir.stdout().strip();
        try {
            String staged = tmpDir + "/upload";
            try (SFTPClient sftp = link.sftp()) {
                sftp.put(new FileSystemFile(local.toFile()), staged);
            } catch (IOException e) {
                throw new SshFailure(
                        "cannot upload " + local + " to " + target.hostName() + ": " + e.getMessage(),
                        "check the free space in /tmp on the VM",
                        e);
            }
            Result r = runAsRoot(
                    FileCommands.installAsRoot(staged, mode, remotePath + ".littlehub-" + randomSuffix(), remotePath));
            if (!r.ok()) {
                throw new SshFailure(
                        "cannot install " + remotePath + " on " + target.hostName() + ": "
                                + r.stderr().strip(),
                        "check that the folder of " + remotePath + " exists");
            }
        } finally {
            run(FileCommands.removeTree(tmpDir));
        }
    }

    /** The SHA-256 (lower-case hex) of a remote file, read as the login user; empty when the file does not exist. */
    public Optional<String> sha256(String remotePath) {
        return retryingStalls(
                "reading the SHA-256 of " + remotePath, () -> hash(run(FileCommands.sha256(remotePath)), remotePath));
    }

    /** Like {@link #sha256} but read as root. */
    public Optional<String> sha256AsRoot(String remotePath) {
        return retryingStalls(
                "reading the SHA-256 of " + remotePath,
                () -> hash(runAsRoot(FileCommands.sha256(remotePath)), remotePath));
    }

    /**
     * Runs {@code readOnlyStep}, a step that changes nothing on the VM; when the network stalls, says so and runs it
     * again on a new connection, a few times with growing pauses ({@link StallRetry}). {@code what} names it.
     */
    public <T> T retryingStalls(String what, Supplier<T> readOnlyStep) {
        return retry.run(what, readOnlyStep, this::reconnect);
    }

    private synchronized void reconnect() {
        link.close();
        link = connect.get();
    }

    private Optional<String> hash(Result r, String path) {
        if (r.exitCode() == FileCommands.NO_SUCH_FILE) {
            return Optional.empty();
        }
        String out = r.stdout().strip();
        if (!r.ok() || out.length() < 64) {
            throw new SshFailure(
                    "cannot compute the SHA-256 of " + path + " on " + target.hostName() + ": "
                            + r.stderr().strip(),
                    "check that it is a readable file");
        }
        return Optional.of(out.substring(0, 64));
    }

    /** How this connection becomes root (finds out, and asks for a sudo password, on first use). */
    synchronized Sudo sudo() {
        if (sudo == null) {
            sudo = retryingStalls(
                    "finding out how to become root",
                    () -> Sudo.detect(
                            (argv, stdin) -> collect(argv, stdin, argv), user(), target.hostName(), prompter));
        }
        return sudo;
    }

    private Result collect(List<String> argv, byte[] stdin, List<String> shown) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = exec(argv, stdin(stdin), shown, out, err);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static InputStream stdin(byte[] bytes) {
        return bytes == null ? InputStream.nullInputStream() : new ByteArrayInputStream(bytes);
    }

    /**
     * The one place an argv becomes a remote command line ({@link ShellQuote}). {@code shown}: the argv as the caller
     * gave it (without sudo), for the error.
     */
    private int exec(List<String> argv, InputStream stdin, List<String> shown, OutputStream out, OutputStream err) {
        try {
            return link.exec(ShellQuote.join(argv), stdin, out, err);
        } catch (IOException e) {
            throw SshFailure.stall(
                    "the connection to " + target + " failed while running `" + String.join(" ", shown) + "`: "
                            + e.getMessage(),
                    "check the network and that the VM is still running, then run again",
                    e);
        }
    }

    private static String randomSuffix() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        link.close();
    }
}
