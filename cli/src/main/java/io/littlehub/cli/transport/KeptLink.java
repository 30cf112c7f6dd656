package io.littlehub.cli.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.function.Supplier;
import net.schmizz.sshj.sftp.SFTPClient;

/**
 * A {@link Link} that runs each command through the connection a {@link ConnectionHolder} keeps (its socket), with no
 * key exchange or login of its own, and connects directly when no holder answers or one refuses before the command
 * started (none yet, a dead one's socket, a host key no longer in known_hosts, another littlehub's protocol): silently,
 * as OpenSSH's ControlMaster does. SFTP goes over the direct connection. A command that connected directly leaves a
 * holder behind for the next ones ({@code startHolder}, run when this link closes).
 */
final class KeptLink implements Link {
    static final String ENDED = "the kept connection ended before the command did";

    private final Path socket;
    private final Supplier<Link> connectDirectly;
    private final Runnable startHolder;
    private boolean holderAnswered;
    private boolean holderGone;
    private Link direct;

    /** {@code socket}: null when no holder may serve the command (known_hosts names no key for the host yet). */
    KeptLink(Path socket, Supplier<Link> connectDirectly, Runnable startHolder) {
        this.socket = socket;
        this.connectDirectly = connectDirectly;
        this.startHolder = startHolder;
    }

    @Override
    public int exec(String commandLine, InputStream stdin, OutputStream out, OutputStream err) throws IOException {
        if (!holderGone) {
            OptionalInt kept = throughHolder(commandLine, stdin, out, err);
            if (kept.isPresent()) {
                holderAnswered = true;
                return kept.getAsInt();
            }
            holderGone = true;
        }
        return direct().exec(commandLine, stdin, out, err);
    }

    /** The command's exit status through the holder; empty when the holder did not start it (nothing ran). */
    private OptionalInt throughHolder(String commandLine, InputStream stdin, OutputStream out, OutputStream err)
            throws IOException {
        if (socket == null) {
            return direct("known_hosts names no key for the host yet");
        }
        if (!Files.exists(socket)) {
            return direct("no holder");
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return direct("a socket left by a holder that died: " + e.getMessage());
        }
        try (ch) {
            InputStream fromHolder = UnixStreams.in(ch);
            OutputStream toHolder = UnixStreams.out(ch);
            KeptFrames.Frame first;
            try {
                KeptFrames.request(toHolder, commandLine);
                first = KeptFrames.read(fromHolder);
            } catch (IOException e) {
                return direct("the holder failed before the start: " + e.getMessage());
            }
            if (first == null || first.type() != KeptFrames.STARTED) {
                return direct(first == null ? "the holder closed" : "the holder refused: " + first.text());
            }
            return OptionalInt.of(exchange(fromHolder, toHolder, stdin, out, err));
        }
    }

    /** Nothing ran through the holder: the command connects directly (said only with {@code LITTLEHUB_DEBUG}). */
    private static OptionalInt direct(String why) {
        if (System.getenv("LITTLEHUB_DEBUG") != null) {
            System.err.println("littlehub: connecting directly: " + why);
        }
        return OptionalInt.empty();
    }

    /**
     * The command runs on the VM: stdin goes out on its own thread while stdout and stderr come back, until the exit
     * status. The sinks are closed at the end, as {@link RemoteExec} closes them (a line splitter's last line).
     */
    static int exchange(
            InputStream fromHolder, OutputStream toHolder, InputStream stdin, OutputStream out, OutputStream err)
            throws IOException {
        Thread writer = new Thread(
                () -> {
                    try {
                        stdin.transferTo(KeptFrames.framing(toHolder, KeptFrames.STDIN));
                        KeptFrames.write(toHolder, KeptFrames.STDIN_END, new byte[0]);
                    } catch (IOException e) {
                        // The command ended without reading all of it: the exit frame says how it ended.
                    }
                },
                "littlehub-kept-stdin");
        writer.setDaemon(true);
        writer.start();
        try {
            while (true) {
                KeptFrames.Frame f = next(fromHolder);
                switch (f.type()) {
                    case KeptFrames.STDOUT -> {
                        out.write(f.payload());
                        out.flush();
                    }
                    case KeptFrames.STDERR -> {
                        err.write(f.payload());
                        err.flush();
                    }
                    case KeptFrames.EXIT -> {
                        return f.number();
                    }
                    case KeptFrames.BROKEN -> throw new IOException(f.text());
                    default ->
                        throw new IOException("unexpected frame " + (char) f.type() + " from the kept connection");
                }
            }
        } finally {
            out.close();
            err.close();
        }
    }

    /** The holder's next frame; its end (or a reset: it closed with our stdin unread) is the command's failure. */
    private static KeptFrames.Frame next(InputStream fromHolder) throws IOException {
        KeptFrames.Frame f;
        try {
            f = KeptFrames.read(fromHolder);
        } catch (IOException e) {
            throw new IOException(ENDED + " (" + e.getMessage() + ")", e);
        }
        if (f == null) {
            throw new IOException(ENDED);
        }
        return f;
    }

    private Link direct() {
        if (direct == null) {
            direct = connectDirectly.get();
        }
        return direct;
    }

    @Override
    public SFTPClient sftp() throws IOException {
        return direct().sftp();
    }

    @Override
    public void close() {
        if (direct != null) {
            direct.close();
            if (!holderAnswered) {
                startHolder.run();
            }
        }
    }
}
