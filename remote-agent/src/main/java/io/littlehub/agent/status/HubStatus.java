package io.littlehub.agent.status;

import java.util.List;
import java.util.Map;

/**
 * What {@code status} reports, as data; with {@code --json} these records are the output, so their component names
 * are the stable field names (docs/ARCHITECTURE.md lists them). A part that could not be read is null, and
 * {@code problems} maps its field name to the reason ({@code units} stands for hub, proxy and timers; {@code jupyterhub}
 * for {@code release.jupyterhub}). Times are ISO-8601 UTC strings.
 */
public record HubStatus(
        String time,
        Unit hub,
        Unit proxy,
        List<Unit> timers,
        Release release,
        Students students,
        Memory memory,
        Cpu cpu,
        List<Disk> disks,
        Backup newest_backup,
        Certificate certificate,
        Map<String, String> problems,
        SignIn sign_in,
        List<Home> biggest_homes) {

    /**
     * A systemd unit. {@code since}: when it entered its active state (active), else its last state change; null when
     * it never ran. {@code uptime_seconds} only while active; {@code next_run} only for an active timer.
     */
    public record Unit(
            String unit,
            String load_state,
            String active_state,
            String sub_state,
            String since,
            Long uptime_seconds,
            String next_run) {
        public boolean active() {
            return "active".equals(active_state);
        }
    }

    /** {@code littlehub}: the release the hub runs ({@code current} link), null when none; {@code agent}: this agent's. */
    public record Release(String littlehub, String agent, String jupyterhub) {}

    /** From the hub's API: its users, those with a running server, those active in the last 5 minutes. */
    public record Students(int users, int servers_running, int active_last_5_min) {}

    public record Memory(long total_bytes, long available_bytes) {}

    public record Cpu(int cores, double load_1min, double load_5min, double load_15min) {}

    /** A filesystem and which of the hub's paths ({@code /home}, {@code /opt/littlehub}) it holds. */
    public record Disk(String mount, List<String> paths, long total_bytes, long free_bytes) {}

    /**
     * One of the biggest students' homes ({@link FullHomeDisk}), listed in {@code biggest_homes} only when the disk
     * holding /home is full (else that list is empty; null when their sizes could not be read).
     */
    public record Home(String name, long bytes) {}

    /** The newest scheduled backup archive; {@code newest_backup} is null when there is none. */
    public record Backup(String name, String time, long size_bytes) {}

    /**
     * The HTTPS certificate served for the first domain: {@code expires}, and a {@code note} with the domain, issuer
     * and time left; {@code expires} null and {@code note} "no HTTPS yet" when HTTPS is off; the part is null (and a
     * problem) when HTTPS is on and no certificate is served.
     */
    public record Certificate(String expires, String note) {}

    /**
     * How people sign in: the auth {@code type}, {@code open_signup} (anyone may create an account), and a
     * {@code warning} while open sign-up runs over plain HTTP (null otherwise). Null when the config cannot be read.
     */
    public record SignIn(String type, boolean open_signup, String warning) {}
}
