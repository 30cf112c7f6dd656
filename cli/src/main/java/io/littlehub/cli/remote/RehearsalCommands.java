package io.littlehub.cli.remote;

import java.util.List;

/** {@code littlehub rehearse}'s own remote commands, besides the roster's: sampling the VM, clearing failed units. */
public final class RehearsalCommands {
    /**
     * A fixed script, no input in it: memory, load, CPU counters, and the root memory cgroup's limit and use (v2, else
     * v1), each labelled for {@code VmLoad.Sample.parse}.
     */
    private static final String SAMPLE = "cat /proc/meminfo /proc/loadavg; head -n 1 /proc/stat; "
            + "printf 'cgroup-limit %s\\ncgroup-used %s\\n' "
            + "\"$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes)\" "
            + "\"$(cat /sys/fs/cgroup/memory.current 2>/dev/null || cat /sys/fs/cgroup/memory/memory.usage_in_bytes)\"";

    private RehearsalCommands() {}

    /** What it samples on the VM while the class starts (plain reads, no agent, no root). */
    public static List<String> sample() {
        return List.of("sh", "-c", SAMPLE);
    }

    /**
     * {@code systemctl reset-failed 'jupyter-PREFIX*-singleuser.service'}, as root: a server whose start was cut short
     * (its user removed mid-spawn) stays listed as a failed unit until reset.
     */
    public static List<String> resetFailedServers(String namePrefix) {
        return List.of("systemctl", "reset-failed", "jupyter-" + namePrefix + "*-singleuser.service");
    }
}
