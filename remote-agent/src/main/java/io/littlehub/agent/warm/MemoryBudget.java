package io.littlehub.agent.warm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * How many servers a warm start may start: the VM's memory minus what the hub, the proxy and the system keep
 * ({@link #HUB_RESERVE}, as {@code littlehub size} counts it), minus the servers already running, shared out in roster
 * order, each server counted at a third of its {@code limits.memory} ({@link #SERVERS_PER_LIMIT}). The rest stay cold:
 * they start when they arrive.
 */
public record MemoryBudget(long totalBytes, long reserveBytes) {
    public static final long HUB_RESERVE = 1L << 30;

    /**
     * A class's servers use a fraction of their limit (about 190 MB each at 1 GiB, measured), and the hub lets as many
     * run at once as fit at a third of it each (its {@code active_server_limit}, {@code littlehub_class_limits} in
     * jupyterhub_config.py): they start anyway when their students arrive. Counting every server at its whole limit
     * left students cold with the memory free (8 of 30 on a 23.5 GiB VM at 1 GiB each).
     */
    static final int SERVERS_PER_LIMIT = 3;

    /** Who is warmed and who stays cold. */
    public record Plan(List<String> warm, List<String> cold, long budgetBytes) {}

    /** {@code limitOf}: a student's memory limit in bytes; {@code runningLimits}: the limits of running servers. */
    public Plan plan(List<String> students, ToLongFunction<String> limitOf, long runningLimits) {
        long budget = Math.max(0, totalBytes - reserveBytes - runningLimits / SERVERS_PER_LIMIT);
        long left = budget;
        List<String> warm = new ArrayList<>();
        List<String> cold = new ArrayList<>();
        for (String s : students) {
            long need = limitOf.applyAsLong(s) / SERVERS_PER_LIMIT;
            if (need <= left) {
                warm.add(s);
                left -= need;
            } else {
                cold.add(s);
            }
        }
        return new Plan(List.copyOf(warm), List.copyOf(cold), budget);
    }

    /**
     * A student's memory limit in bytes: their {@code limits.users} entry, else {@code limits.memory}. No limit
     * counts as {@link #NO_LIMIT} (a server's usual size is unknown; the default limit's 1 GiB is a fair guess).
     */
    public static long limitOf(String name, Map<String, Object> limits) {
        Object memory = limits.get("memory");
        if (limits.get("users") instanceof Map<?, ?> users
                && users.get(name) instanceof Map<?, ?> own
                && own.containsKey("memory")) {
            memory = own.get("memory");
        }
        return memory == null || "".equals(String.valueOf(memory)) ? NO_LIMIT : bytes(String.valueOf(memory));
    }

    static final long NO_LIMIT = 1L << 30;

    /** {@code 512M}, {@code 1.5G}, {@code 2T}, a plain number of bytes (the schema's size, binary units). */
    public static long bytes(String size) {
        String s = size.strip();
        int unit = "KMGT".indexOf(Character.toUpperCase(s.charAt(s.length() - 1)));
        if (unit < 0) {
            return Long.parseLong(s);
        }
        return (long) (Double.parseDouble(s.substring(0, s.length() - 1)) * (1L << (10 * (unit + 1))));
    }
}
