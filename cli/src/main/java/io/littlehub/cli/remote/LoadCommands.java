package io.littlehub.cli.remote;

import java.util.List;

/** What {@code littlehub rehearse} samples on the VM while the class starts (plain reads, no agent, no root). */
public final class LoadCommands {
    /**
     * A fixed script, no input in it: memory, load, CPU counters, and the root memory cgroup's limit and use (v2, else
     * v1), each labelled for {@code VmLoad.Sample.parse}.
     */
    private static final String SAMPLE = "cat /proc/meminfo /proc/loadavg; head -n 1 /proc/stat; "
            + "printf 'cgroup-limit %s\\ncgroup-used %s\\n' "
            + "\"$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes)\" "
            + "\"$(cat /sys/fs/cgroup/memory.current 2>/dev/null || cat /sys/fs/cgroup/memory/memory.usage_in_bytes)\"";

    private LoadCommands() {}

    public static List<String> sample() {
        return List.of("sh", "-c", SAMPLE);
    }
}
