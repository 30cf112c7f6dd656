package io.littlehub.cli.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * Runs one command line in its own session channel, the way sshj needs it: write stdin (then EOF), drain stdout in
 * this thread and stderr in another, join both, close the channel, and only then read the exit status (sshj may
 * not have it before the channel closes, and it is null when a signal killed the command).
 */
final class RemoteExec {
    private static final Map<Signal, Integer> SIGNALS = Map.ofEntries(
            Map.entry(Signal.HUP, 1),
            Map.entry(Signal.INT, 2),
            Map.entry(Signal.QUIT, 3),
            Map.entry(Signal.ILL, 4),
            Map.entry(Signal.ABRT, 6),
            Map.entry(Signal.FPE, 8),
            Map.entry(Signal.KILL, 9),
            Map.entry(Signal.USR1, 10),
            Map.entry(Signal.SEGV, 11),
            Map.entry(Signal.USR2, 12),
            Map.entry(Signal.PIPE, 13),
            Map.entry(Signal.ALRM, 14),
            Map.entry(Signal.TERM, 15));

    private RemoteExec() {}

    /**
     * Runs a command with {@code stdin} (a password line, an archive) written by its own thread while stdout is
     * drained, so neither direction can stall the other; EOF follows. Returns the exit status (128 + signal; -1: none).
     */
    static int run(SSHClient client, String commandLine, InputStream stdin, OutputStream out, OutputStream err)
            throws IOException {
        try (Session session = client.startSession()) {
            return run(session, commandLine, stdin, out, err);
        }
    }

    /** Like {@link #run(SSHClient, String, InputStream, OutputStream, OutputStream)} in a session already open. */
    static int run(Session session, String commandLine, InputStream stdin, OutputStream out, OutputStream err)
            throws IOException {
        try {
            Session.Command cmd = session.exec(commandLine);
            IOException[] failure = new IOException[1];
            Thread errReader = new Thread(
                    () -> {
                        try {
                            drain(cmd.getErrorStream(), err);
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    },
                    "littlehub-ssh-stderr");
            errReader.setDaemon(true);
            errReader.start();
            IOException[] inFailure = new IOException[1];
            Thread writer = new Thread(
                    () -> {
                        try (OutputStream in = cmd.getOutputStream()) {
                            stdin.transferTo(in);
                            in.flush();
                        } catch (IOException e) {
                            inFailure[0] = e;
                        }
                    },
                    "littlehub-ssh-stdin");
            writer.setDaemon(true);
            writer.start();
            drain(cmd.getInputStream(), out);
            errReader.join();
            cmd.join(30, TimeUnit.SECONDS);
            // The command is done: stdin it never read (a stream still waiting for its next bytes) is dropped, not
            // waited for.
            writer.interrupt();
            writer.join();
            cmd.close();
            if (failure[0] != null) {
                throw failure[0];
            }
            Integer status = cmd.getExitStatus();
            Signal signal = cmd.getExitSignal();
            // A command killed by a signal may close the channel before its stdin's EOF went out: it ended, and how.
            if (inFailure[0] != null && status == null && signal == null) {
                throw inFailure[0];
            }
            if (status != null) {
                return status;
            }
            return signal != null && SIGNALS.containsKey(signal) ? 128 + SIGNALS.get(signal) : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running a remote command", e);
        }
    }

    private static void drain(InputStream in, OutputStream sink) throws IOException {
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            sink.write(buf, 0, n);
            sink.flush();
        }
        sink.close();
    }
}
