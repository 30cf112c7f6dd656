package io.littlehub.cli.sizing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The VM a class needs, after The Littlest JupyterHub's estimate (docs: "Estimate Memory / CPU / Disk needed"):
 * memory = concurrent students × memory per student + the system's share; CPUs = concurrent students × CPU per student
 * + 20 % of a core for the hub; disk = all students × disk per student + the system's share. TLJH's shares are 128 MB
 * and 2 GB; littlehub's are larger (below), because they count the operating system too.
 */
public final class Sizing {
    /**
     * Linux, JupyterHub, the proxy, and the agent's Java while a littlehub command runs: the 1 GB that littlehub
     * requires of a VM with nobody signed in.
     */
    public static final long SYSTEM_MEMORY = Size.GIB;
    /** TLJH's allowance for the hub's own CPU use. */
    public static final BigDecimal HUB_CPU = new BigDecimal("0.2");
    /**
     * The operating system, littlehub's releases (two kept for rollback), a Java runtime, Node.js for the proxy, the
     * users' environment with room for the usual scientific packages, and the system journal.
     */
    public static final long SYSTEM_DISK = 10 * Size.GIB;

    /** The result: students at once, memory and disk in whole GiB (rounded up), whole CPUs (rounded up). */
    public record Need(ClassProfile profile, int concurrentStudents, long memoryGib, int cpus, long diskGib) {}

    private Sizing() {}

    public static Need of(ClassProfile p) {
        // BigDecimal: 0.7 × 10 must be 7 students, not 7.000000000000001 rounded up to 8.
        int concurrent = BigDecimal.valueOf(p.students())
                .multiply(p.concurrent())
                .setScale(0, RoundingMode.CEILING)
                .intValueExact();
        long memory = Math.multiplyExact((long) concurrent, p.memoryPerStudent()) + SYSTEM_MEMORY;
        int cpus = BigDecimal.valueOf(concurrent)
                .multiply(p.cpuPerStudent())
                .add(HUB_CPU)
                .setScale(0, RoundingMode.CEILING)
                .intValueExact();
        long disk = Math.multiplyExact((long) p.students(), p.diskPerStudent()) + SYSTEM_DISK;
        return new Need(p, concurrent, Size.ceilGib(memory), cpus, Size.ceilGib(disk));
    }
}
