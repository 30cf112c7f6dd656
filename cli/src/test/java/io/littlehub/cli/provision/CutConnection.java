package io.littlehub.cli.provision;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay between the laptop and the VM's SSH port that can drop every connection through it at once, as a
 * laptop's Wi-Fi does: {@link #cut} closes both ends of each relayed socket (the VM's sshd sees its client vanish, the
 * laptop's SSH library a closed connection); later connections are relayed again.
 */
final class CutConnection implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> open = new ArrayList<>();

    CutConnection(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "cut-connection-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Drops every relayed connection now; returns how many were open (ended ones are not counted). */
    synchronized int cut() {
        int n = (int) open.stream().filter(s -> !s.isClosed()).count() / 2;
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0); // a reset, not a polite close
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        open.clear();
        return n;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket laptop = listener.accept();
                Socket vm = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                synchronized (this) {
                    open.add(laptop);
                    open.add(vm);
                }
                pump(laptop, vm);
                pump(vm, laptop);
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[1 << 16];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    } catch (IOException closed) {
                        // cut, or the other side closed: both ends go
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "cut-connection-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
