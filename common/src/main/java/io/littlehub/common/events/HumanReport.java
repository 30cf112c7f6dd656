package io.littlehub.common.events;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Ansible-like output for people: one line per task with its status and time, progress while long steps run,
 * diffs when asked, and a recap line. Used by the agent on the VM and by the laptop CLI alike.
 */
public final class HumanReport implements EventSink {
    private final PrintStream out;
    private final boolean showDiff;
    private final String host;
    private long lastProgress;

    public HumanReport(PrintStream out, boolean showDiff, String host) {
        this.out = out;
        this.showDiff = showDiff;
        this.host = host;
    }

    @Override
    public synchronized void emit(Map<String, Object> e) {
        switch (String.valueOf(e.get("event"))) {
            case "start" -> out.println("PLAYBOOK " + e.get("playbook") + " on " + host + (Boolean.TRUE.equals(e.get("check")) ? " (check mode: nothing is changed)" : ""));
            case "progress" -> progress(String.valueOf(e.get("line")));
            case "result" -> result(e);
            case "note" -> out.println("NOTE " + e.get("message"));
            case "recap" -> out.printf("RECAP %s : ok=%s changed=%s failed=%s  (%.1f s)%n", host, e.get("ok"), e.get("changed"), e.get("failed"),
                    ((Number) e.get("ms")).longValue() / 1000.0);
            default -> { }
        }
        out.flush();
    }

    private void progress(String line) {
        long now = System.currentTimeMillis();
        // A line every two seconds at most: enough to see a long install move, not a flood.
        if (now - lastProgress >= 2000 && !line.isBlank()) {
            lastProgress = now;
            String shown = line.strip();
            out.println("    … " + (shown.length() > 100 ? shown.substring(0, 100) + "…" : shown));
        }
    }

    private void result(Map<String, Object> e) {
        String status = String.valueOf(e.get("status"));
        String kind = "handler".equals(e.get("kind")) ? "HANDLER " : "";
        out.printf("%-8s %s%s  [%.1f s]%n", status + ":", kind, e.get("name"), ((Number) e.get("ms")).longValue() / 1000.0);
        if (status.equals("changed") && e.get("actions") instanceof List<?> actions) {
            for (Object a : actions) {
                out.println("    - " + a);
            }
        }
        if (showDiff && e.get("diff") != null) {
            out.print(String.valueOf(e.get("diff")).indent(4));
        }
        if (e.get("error") != null) {
            out.print(String.valueOf(e.get("error")).indent(4));
        }
    }
}
