package io.littlehub.cli.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * The small background process that keeps one SSH connection open between littlehub commands, as OpenSSH's
 * ControlPersist does (and Ansible relies on): started by a command that had to connect directly ({@link
 * KeptConnections#start}), it logs in itself (the same target and host key checks, asking nobody: what needs a question
 * makes it give up), listens on a Unix-domain socket in a 0700 folder, and opens one session channel per command that
 * connects there ({@link KeptFrames}). Before each command it checks that known_hosts still names the host keys it
 * accepted; a key changed or removed ends it, and the command connects directly (and meets the change). It ends after
 * {@code idle_seconds} with no command, or when its connection dies.
 */
public final class ConnectionHolder {
    /** The holder's SSH side: why it may not be used any more, and one command on a new channel. */
    interface Remote {
        /** Null while usable; otherwise why not (a host key no longer named, the connection closed). */
        String unusable();

        /** Whether the connection is still up (checked often: no file read). */
        boolean alive();

        /** Opens a channel for one command; an IOException when the connection cannot (nothing ran). */
        Channel open() throws IOException;
    }

    /** One command in an open channel: its exit status (128 + signal; -1 none). */
    interface Channel {
        int run(String commandLine, InputStream stdin, OutputStream out, OutputStream err) throws IOException;
    }

    private ConnectionHolder() {}

    /**
     * One command's exchange on one socket connection. Returns false when the holder must end: what it holds may not
     * be used any more.
     */
    static boolean serve(InputStream in, OutputStream out, Remote remote) throws IOException {
        KeptFrames.Frame request = KeptFrames.read(in);
        if (request == null || request.type() != KeptFrames.REQUEST) {
            return true;
        }
        if (KeptFrames.protocol(request) != KeptFrames.PROTOCOL) {
            KeptFrames.text(out, KeptFrames.REFUSED, "this holder speaks protocol " + KeptFrames.PROTOCOL);
            return true;
        }
        String unusable = remote.unusable();
        if (unusable != null) {
            KeptFrames.text(out, KeptFrames.REFUSED, unusable);
            return false;
        }
        Channel channel;
        try {
            channel = remote.open();
        } catch (IOException e) {
            KeptFrames.text(out, KeptFrames.REFUSED, "cannot open a channel: " + e.getMessage());
            return false;
        }
        KeptFrames.write(out, KeptFrames.STARTED, new byte[0]);
        PipedInputStream stdin = new PipedInputStream(64 * 1024);
        PipedOutputStream feed = new PipedOutputStream(stdin);
        Thread reader = new Thread(() -> feedStdin(in, feed), "littlehub-holder-stdin");
        reader.setDaemon(true);
        reader.start();
        try {
            int status = channel.run(
                    KeptFrames.commandLine(request),
                    stdin,
                    KeptFrames.framing(out, KeptFrames.STDOUT),
                    KeptFrames.framing(out, KeptFrames.STDERR));
            KeptFrames.number(out, KeptFrames.EXIT, status);
        } catch (IOException e) {
            KeptFrames.text(out, KeptFrames.BROKEN, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return true;
    }

    /** The command's stdin frames into the pipe the channel reads, until their end (or the command's). */
    private static void feedStdin(InputStream in, PipedOutputStream feed) {
        try (feed) {
            KeptFrames.Frame f;
            while ((f = KeptFrames.read(in)) != null && f.type() == KeptFrames.STDIN) {
                feed.write(f.payload());
                feed.flush();
            }
        } catch (IOException e) {
            // The command ended (the pipe's reader is gone) or the socket closed: no more stdin either way.
        }
    }

    /**
     * The holder's process. Its stdin: the properties {@link KeptConnections#start} wrote (the target, {@code socket},
     * {@code idle_seconds}, {@code connect_timeout_ms}).
     */
    public static void main(String[] args) throws IOException {
        Properties spec = new Properties();
        spec.load(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Path socket = Path.of(spec.getProperty("socket"));
        long idleMillis = Long.parseLong(spec.getProperty("idle_seconds")) * 1000;
        SshOptions options = SshOptions.defaults()
                .withPrompter(Prompter.NOBODY)
                .withAgentSocket(null)
                .withConnectTimeoutMillis(Integer.parseInt(spec.getProperty("connect_timeout_ms")));
        System.exit(hold(HeldTarget.read(spec), options, socket, idleMillis));
    }

    private static int hold(ResolvedTarget target, SshOptions options, Path socket, long idleMillis)
            throws IOException {
        Path lockFile = sibling(socket, ".lock");
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockChannel.tryLock()) {
            if (lock == null) {
                return 0; // another holder keeps this target's connection
            }
            List<HostKeySeen> seen = new ArrayList<>();
            SshLink link;
            try {
                link = SshConnector.link(target, options, seen);
            } catch (SshFailure e) {
                System.err.println("littlehub: not kept: " + e.problem());
                return 1;
            }
            if (!KeptConnections.stillNames(socket, target)) {
                link.close();
                System.err.println("littlehub: not kept: known_hosts changed while connecting");
                return 1;
            }
            Files.deleteIfExists(socket);
            try (link;
                    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                // Written beside it and renamed: a reader never sees half a PID.
                Path pidTemp = sibling(socket, ".pid.tmp");
                Files.writeString(pidTemp, Long.toString(ProcessHandle.current().pid()));
                Files.move(pidTemp, sibling(socket, ".pid"), StandardCopyOption.ATOMIC_MOVE);
                listen(server, sshRemote(link.client(), seen), idleMillis);
            } finally {
                System.err.println(
                        "littlehub: holder " + ProcessHandle.current().pid() + " ends");
                Files.deleteIfExists(socket);
                Files.deleteIfExists(sibling(socket, ".pid"));
            }
            return 0;
        }
    }

    private static Path sibling(Path socket, String suffix) {
        String name = socket.getFileName().toString();
        return socket.resolveSibling(name.substring(0, name.lastIndexOf('.')) + suffix);
    }

    /**
     * Why the holder ends now, or null: idle, or what it holds may not be used any more. Looked at twice a second, not
     * only when a command comes: a command whose known_hosts no longer names the holder's key looks for another holder
     * ({@link HeldTarget#sharing}), so a key changed or removed would otherwise leave this one until it is idle.
     */
    static String ending(boolean idle, Remote remote) {
        if (idle) {
            return "idle, not kept any more";
        }
        if (!remote.alive()) {
            return "the connection closed";
        }
        String unusable = remote.unusable();
        return unusable == null ? null : "the connection is no longer kept: " + unusable;
    }

    /** Serves each command on a thread of its own until idle for {@code idleMillis}, unusable, or closed. */
    private static void listen(ServerSocketChannel server, Remote remote, long idleMillis) {
        AtomicInteger running = new AtomicInteger();
        AtomicLong lastUse = new AtomicLong(System.nanoTime());
        AtomicBoolean closedByWatch = new AtomicBoolean();
        Thread watch = new Thread(
                () -> {
                    while (true) {
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                        String end = ending(
                                running.get() == 0 && System.nanoTime() - lastUse.get() > idleMillis * 1_000_000,
                                remote);
                        if (end != null) {
                            System.err.println("littlehub: " + end);
                            closedByWatch.set(true);
                            closeQuietly(server);
                            return;
                        }
                    }
                },
                "littlehub-holder-idle");
        watch.setDaemon(true);
        watch.start();
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closedByWatch.get()) { // the watch says why itself
                    System.err.println("littlehub: cannot take commands any more: " + e);
                }
                return;
            }
            running.incrementAndGet();
            Thread t = new Thread(
                    () -> {
                        try (client) {
                            if (!serve(UnixStreams.in(client), UnixStreams.out(client), remote)) {
                                System.err.println("littlehub: the connection is no longer kept: " + remote.unusable());
                                closeQuietly(server);
                            }
                        } catch (IOException e) {
                            // That command's socket failed: its own side says so.
                        } finally {
                            lastUse.set(System.nanoTime());
                            running.decrementAndGet();
                        }
                    },
                    "littlehub-holder-command");
            t.start();
        }
    }

    private static Remote sshRemote(SSHClient client, List<HostKeySeen> seen) {
        return new Remote() {
            @Override
            public boolean alive() {
                return client.isConnected() && client.isAuthenticated();
            }

            @Override
            public String unusable() {
                if (!alive()) {
                    return "the kept connection closed";
                }
                for (HostKeySeen key : seen) {
                    if (!key.stillNamed()) {
                        return "known_hosts no longer names the host key of " + key.hostName()
                                + " this connection accepted";
                    }
                }
                return null;
            }

            @Override
            public Channel open() throws IOException {
                Session session = client.startSession();
                return (commandLine, stdin, out, err) -> {
                    try (session) {
                        return RemoteExec.run(session, commandLine, stdin, out, err);
                    }
                };
            }
        };
    }

    private static void closeQuietly(ServerSocketChannel server) {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closed already.
        }
    }
}
