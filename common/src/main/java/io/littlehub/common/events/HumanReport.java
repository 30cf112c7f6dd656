package io.littlehub.common.events;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Ansible-like output for people: one line per task with its status and time, progress while long steps run,
 * diffs when asked, and a recap line. Used by the agent on the VM and by the laptop CLI alike. While tasks of a
 * parallel group run at once, a progress line names its task; each event prints whole lines.
 */
public final class HumanReport implements EventSink {
    private final PrintStream out;
    private final boolean showDiff;
    private final String host;
    private final LongSupplier clockMillis;
    private static final long NEVER = Long.MIN_VALUE;
    private long lastProgress = NEVER;
    private final Map<Integer, String> running = new HashMap<>();

    public HumanReport(PrintStream out, boolean showDiff, String host) {
        this(out, showDiff, host, System::currentTimeMillis);
    }

    /** {@code clockMillis}: when a progress line arrives (tests script it). */
    HumanReport(PrintStream out, boolean showDiff, String host, LongSupplier clockMillis) {
        this.out = out;
        this.showDiff = showDiff;
        this.host = host;
        this.clockMillis = clockMillis;
    }

    @Override
    public synchronized void emit(Event e) {
        if (e instanceof Event.Start s) {
            out.println("PLAYBOOK " + s.playbook() + " on " + host
                    + (s.check() ? " (check mode: nothing is changed)" : ""));
        } else if (e instanceof Event.TaskStarted t) {
            running.put(t.index(), t.name());
        } else if (e instanceof Event.Progress p) {
            progress(p);
        } else if (e instanceof Event.TaskResult r) {
            running.remove(r.index());
            result(r);
        } else if (e instanceof Event.Note n) {
            out.println("NOTE " + n.message());
        } else if (e instanceof Event.Recap r) {
            out.printf(
                    "RECAP %s : ok=%d changed=%d failed=%d  (%s)%n",
                    host, r.ok(), r.changed(), r.failed(), seconds(r.duration()));
        }
        out.flush();
    }

    private void progress(Event.Progress p) {
        long now = clockMillis.getAsLong();
        // A line every two seconds at most: enough to see a long install move, not a flood.
        if ((lastProgress == NEVER || now - lastProgress >= 2000) && !p.line().isBlank()) {
            lastProgress = now;
            String task = running.size() > 1 ? "[" + running.get(p.index()) + "] " : "";
            String shown = task + p.line().strip();
            out.println("    … " + (shown.length() > 100 ? shown.substring(0, 100) + "…" : shown));
        }
    }

    private void result(Event.TaskResult r) {
        String kind = r.kind() == Event.Kind.HANDLER ? "HANDLER " : "";
        out.printf("%-8s %s%s  [%s]%n", r.status().wire() + ":", kind, r.name(), seconds(r.duration()));
        if (r.status() == Event.Status.CHANGED) {
            r.actions().forEach(a -> out.println("    - " + a));
        }
        if (showDiff && r.diff() != null) {
            out.print(r.diff().indent(4));
        }
        if (r.error() != null) {
            out.print(r.error().indent(4));
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
