package io.littlehub.agent.status;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When a disk is nearly full, and whose homes fill the one holding /home: what {@code status} shows on that disk's line
 * and in its problems (so it exits 1, as {@code doctor} does), and {@code doctor} in its disk finding. Pure.
 */
public final class FullHomeDisk {
    /** A disk this full is a problem, for status and doctor alike. */
    public static final double FULL = 0.90;

    /** What frees space on a full disk (doctor's fix, and status's problem). */
    public static final String FREE_SPACE =
            "free space: `littlehub students` shows each home's size (`remove-student --archive`, then move the"
                    + " archives in /var/lib/littlehub/archive off the VM), old scheduled backups in /var/backups/littlehub,"
                    + " or grow the disk; doctor --fix trims the system journal to 200 MB";

    static final String HOME = "/home";
    /** How many of the biggest homes are named. */
    static final int SHOWN = 3;

    private FullHomeDisk() {}

    /** The share of the disk in use, 0 to 1. */
    public static double used(HubStatus.Disk d) {
        return d.total_bytes() == 0 ? 0 : 1 - (double) d.free_bytes() / d.total_bytes();
    }

    /** Whether {@code d} holds /home and is full: then the homes' sizes are read, to name whose fill it. */
    public static boolean holdsFullHomes(HubStatus.Disk d) {
        return d.paths().contains(HOME) && full(d);
    }

    public static boolean full(HubStatus.Disk d) {
        return used(d) >= FULL;
    }

    /** {@code /home (/home, /opt/littlehub) is 97% full: 1.2 GiB free of 40.0 GiB}. */
    public static String describe(HubStatus.Disk d) {
        return String.format(
                Locale.ROOT,
                "%s (%s) is %.0f%% full: %s free of %s",
                d.mount(),
                String.join(", ", d.paths()),
                used(d) * 100,
                StatusReport.size(d.free_bytes()),
                StatusReport.size(d.total_bytes()));
    }

    /**
     * Status's problem for the full disks among {@code disks}, with what to do ({@code doctor} names whose homes fill
     * the one holding /home, and what its --fix frees), or null when none is full.
     */
    public static String problem(List<HubStatus.Disk> disks) {
        List<String> full = disks == null
                ? List.of()
                : disks.stream()
                        .filter(FullHomeDisk::full)
                        .map(FullHomeDisk::describe)
                        .toList();
        if (full.isEmpty()) {
            return null;
        }
        return String.join("; ", full) + ": " + (any(disks) ? "`littlehub doctor` names the biggest homes; " : "")
                + FREE_SPACE;
    }

    public static boolean any(List<HubStatus.Disk> disks) {
        return disks != null && disks.stream().anyMatch(FullHomeDisk::holdsFullHomes);
    }

    /** The {@link #SHOWN} biggest homes of {@code homeBytes} (hub name to bytes, -1: no home), largest first. */
    public static List<HubStatus.Home> biggest(Map<String, Long> homeBytes) {
        return homeBytes.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(SHOWN)
                .map(e -> new HubStatus.Home(e.getKey(), e.getValue()))
                .toList();
    }

    /** "; the biggest homes: ada 1.4 GiB, bo 20.0 MiB" for {@code d} when it holds full homes and some are known, or "". */
    public static String named(HubStatus.Disk d, List<HubStatus.Home> biggest) {
        if (!holdsFullHomes(d) || biggest == null || biggest.isEmpty()) {
            return "";
        }
        return "; the biggest homes: "
                + String.join(
                        ", ",
                        biggest.stream()
                                .map(h -> h.name() + " " + StatusReport.size(h.bytes()))
                                .toList());
    }
}
