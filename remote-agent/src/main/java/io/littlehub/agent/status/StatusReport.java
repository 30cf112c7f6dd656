package io.littlehub.agent.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@link HubStatus} as short aligned lines for people ({@code hub       active, up 3 h 12 min …}). Pure. */
public final class StatusReport {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String UNKNOWN = "unknown (see the problem below)";

    private StatusReport() {}

    public static List<String> lines(HubStatus s) {
        List<String> lines = new ArrayList<>();
        line(lines, "hub", s.hub() == null ? UNKNOWN : unit(s.hub()));
        line(lines, "proxy", s.proxy() == null ? UNKNOWN : unit(s.proxy()));
        if (s.timers() == null || s.timers().isEmpty()) {
            line(lines, "timers", s.timers() == null ? UNKNOWN : "none");
        }
        if (s.timers() != null) {
            s.timers().forEach(t -> line(lines, "timer", t.unit() + ": " + unit(t)));
        }
        HubStatus.Release r = s.release();
        line(
                lines,
                "release",
                "littlehub " + (r.littlehub() == null ? "(none: not provisioned)" : r.littlehub()) + " (this agent: "
                        + r.agent() + "), JupyterHub " + (r.jupyterhub() == null ? UNKNOWN : r.jupyterhub()));
        HubStatus.Students st = s.students();
        line(
                lines,
                "students",
                st == null
                        ? UNKNOWN
                        : count(st.users(), "user") + ", " + count(st.servers_running(), "server") + " running, "
                                + st.active_last_5_min() + " active in the last " + StudentActivity.RECENT.toMinutes()
                                + " min");
        HubStatus.Memory m = s.memory();
        line(
                lines,
                "memory",
                m == null ? UNKNOWN : size(m.available_bytes()) + " available of " + size(m.total_bytes()));
        HubStatus.Cpu c = s.cpu();
        line(
                lines,
                "cpu",
                c == null
                        ? UNKNOWN
                        : count(c.cores(), "core") + ", load "
                                + String.format(
                                        Locale.ROOT, "%.2f %.2f %.2f", c.load_1min(), c.load_5min(), c.load_15min())
                                + " (1, 5, 15 min)");
        if (s.disks() == null) {
            line(lines, "disk", UNKNOWN);
        } else {
            s.disks()
                    .forEach(d -> line(
                            lines,
                            "disk",
                            d.mount() + ": " + size(d.free_bytes()) + " free of " + size(d.total_bytes()) + " ("
                                    + String.join(", ", d.paths()) + ")" + FullHomeDisk.named(d, s.biggest_homes())));
        }
        HubStatus.Backup b = s.newest_backup();
        // Null is "none" unless reading the folder failed.
        line(
                lines,
                "backup",
                s.problems().containsKey("newest_backup")
                        ? UNKNOWN
                        : b == null
                                ? "none"
                                : b.name() + ", " + WHEN.format(Instant.parse(b.time())) + ", " + size(b.size_bytes()));
        HubStatus.Certificate cert = s.certificate();
        line(
                lines,
                "https",
                cert == null
                        ? UNKNOWN
                        : cert.expires() == null
                                ? cert.note()
                                : "certificate expires " + WHEN.format(Instant.parse(cert.expires())) + " ("
                                        + cert.note() + ")");
        HubStatus.SignIn signIn = s.sign_in();
        line(
                lines,
                "sign-in",
                signIn == null
                        ? UNKNOWN
                        : signIn.type() + ", "
                                + (signIn.open_signup()
                                        ? "open sign-up (anyone may create an account)"
                                        : "only the roster (users.allowed, users.admin)"));
        if (signIn != null && signIn.warning() != null) {
            line(lines, "warning", signIn.warning() + ": " + SignInPolicy.FIX);
        }
        s.problems().forEach((part, reason) -> line(lines, "problem", part + ": " + reason));
        return lines;
    }

    /** {@code active, up 3 h 12 min (since 2025-03-03 09:00 UTC)}, {@code failed (since …)}, {@code not installed}. */
    static String unit(HubStatus.Unit u) {
        if ("not-found".equals(u.load_state())) {
            return "not installed (" + u.unit() + " not found)";
        }
        String since = u.since() == null ? "" : " (since " + WHEN.format(Instant.parse(u.since())) + ")";
        if (u.active() && u.unit().endsWith(".timer")) {
            // A timer's uptime says nothing; when it fires next does.
            return "active" + (u.next_run() == null ? "" : ", next run " + WHEN.format(Instant.parse(u.next_run())))
                    + since;
        }
        if (u.active()) {
            return "active" + (u.uptime_seconds() == null ? "" : ", up " + duration(u.uptime_seconds())) + since;
        }
        return u.active_state() + since;
    }

    /** The two largest units: {@code 45 s}, {@code 12 min}, {@code 3 h 12 min}, {@code 2 d 4 h}. */
    static String duration(long seconds) {
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3600;
        long m = seconds % 3600 / 60;
        if (d > 0) {
            return d + " d " + h + " h";
        }
        if (h > 0) {
            return h + " h " + m + " min";
        }
        return m > 0 ? m + " min" : seconds + " s";
    }

    /** Binary units with one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 3.8 GiB}. */
    public static String size(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = Math.min(units.length, (63 - Long.numberOfLeadingZeros(bytes)) / 10);
        return String.format(Locale.ROOT, "%.1f %s", bytes / Math.pow(1024, unit), units[unit - 1]);
    }

    private static String count(int n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    private static void line(List<String> lines, String label, String text) {
        lines.add(String.format("%-9s %s", label, text));
    }
}
