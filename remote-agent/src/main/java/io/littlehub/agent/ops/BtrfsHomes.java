package io.littlehub.agent.ops;

import io.littlehub.agent.ops.DiskQuota.Usage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code limits.disk} on btrfs, which has no per-user quotas: a quota group limits a whole subvolume, so a home that is
 * a subvolume of its own has one ({@code useradd --btrfs-subvolume-home}, as the hub's pre-spawn hook creates homes
 * there). A write past it fails with "Disk quota exceeded" (EDQUOT), as a user quota's does. Pure: reads btrfs's own
 * reports. A home made as a plain folder (before {@code limits.disk}) is in no report here, so it is never limited:
 * its quota group would be the one of everything around it.
 */
public final class BtrfsHomes {
    private BtrfsHomes() {}

    /** The subvolumes directly below {@code path}: {@code ID n gen g top level t path p} each. */
    public static List<String> subvolumes(String path) {
        return List.of("btrfs", "subvolume", "list", "-o", path);
    }

    /** The folders directly in {@code path} whose names start with {@code prefix} (the students' homes), one a line. */
    public static List<String> homes(String path, String prefix) {
        return List.of(
                "find",
                path,
                "-mindepth",
                "1",
                "-maxdepth",
                "1",
                "-type",
                "d",
                "-name",
                prefix + "*",
                "-printf",
                "%f\\n");
    }

    /** Every quota group's use and limits in bytes ({@code qgroupid rfer excl max_rfer max_excl …}); fails when off. */
    public static List<String> qgroups(String target) {
        return List.of("btrfs", "qgroup", "show", "--raw", "-re", target);
    }

    /** The exact command: {@code kib} KiB of data for the subvolume {@code home}, 0 = no limit. */
    public static List<String> limit(String home, long kib) {
        return List.of("btrfs", "qgroup", "limit", kib == 0 ? "none" : kib + "K", home);
    }

    /**
     * The homes that are subvolumes (by folder name, the unix user's), each with its use and limit in KiB as a user
     * quota reports them (soft = hard = the quota group's referenced-bytes limit); {@link Usage#NONE} when quota
     * groups are off ({@code qgroups} empty).
     */
    public static Map<String, Usage> usage(String subvolumes, String qgroups) {
        Map<String, Usage> byId = new HashMap<>();
        for (String line : qgroups.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4 && f[0].matches("0/\\d+") && f[1].matches("\\d+")) {
                long max = f[3].matches("\\d+") ? Long.parseLong(f[3]) / 1024 : 0;
                byId.put(f[0].substring(2), new Usage(Long.parseLong(f[1]) / 1024, max, max));
            }
        }
        Map<String, Usage> out = new LinkedHashMap<>();
        for (String line : subvolumes.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 9 && f[0].equals("ID") && f[7].equals("path")) {
                String path = line.substring(line.indexOf(" path ") + 6).strip();
                out.put(path.substring(path.lastIndexOf('/') + 1), byId.getOrDefault(f[1], Usage.NONE));
            }
        }
        return out;
    }
}
