package io.littlehub.agent.status;

import java.util.List;
import java.util.Map;

/**
 * When a disk is nearly full, and whose homes fill the one holding /home: what {@code status} shows on that disk's line
 * and {@code doctor} in its disk finding. Pure.
 */
public final class FullHomeDisk {
    /** A disk this full is reported (doctor: a problem). */
    public static final double FULL = 0.90;

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
        return d.paths().contains(HOME) && used(d) >= FULL;
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
