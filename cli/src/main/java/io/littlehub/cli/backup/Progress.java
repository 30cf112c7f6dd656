package io.littlehub.cli.backup;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * One progress line on stderr, rewritten in place at most twice a second: bytes so far and the rate, and for an
 * incremental backup the bytes copied from the earlier archive instead. Rewritten only on a terminal: a log or a
 * pipe gets the last line alone, without {@code \r}.
 */
public final class Progress {
    private final PrintStream err;
    private final String verb;
    private final boolean live;
    private final long start = System.nanoTime();
    private long bytes;
    private long reused;
    private long lastPrint;

    public Progress(PrintStream err, String verb) {
        this(err, verb, err == System.err && stderrIsTerminal());
    }

    /** Linux says where fd 2 goes; elsewhere a console (stdin and stdout on a terminal) is the best guess. */
    private static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2"))
                    .toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    /** {@code live}: rewrite the line as it goes (a terminal), else print only the last line. */
    Progress(PrintStream err, String verb, boolean live) {
        this.err = err;
        this.verb = verb;
        this.live = live;
    }

    synchronized void add(long n) {
        bytes += n;
        print();
    }

    /** Bytes that did not cross the network: copied from the earlier archive. */
    synchronized void reused(long n) {
        reused += n;
        print();
    }

    private void print() {
        long now = System.nanoTime();
        if (live && now - lastPrint > 500_000_000L) {
            lastPrint = now;
            err.print("\r" + line(now) + "   ");
            err.flush();
        }
    }

    /** The last line, then a line end. */
    public synchronized void done() {
        err.println(live ? "\r" + line(System.nanoTime()) + "   " : line(System.nanoTime()));
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized long reused() {
        return reused;
    }

    private String line(long now) {
        double seconds = Math.max(0.001, (now - start) / 1e9);
        return verb + " " + size(bytes) + " (" + size((long) (bytes / seconds)) + "/s)"
                + (reused == 0 ? "" : ", reused " + size(reused));
    }

    public static String size(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    OutputStream counting(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                add(len);
            }
        };
    }

    InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    add(n);
                }
                return n;
            }
        };
    }
}
