package io.littlehub.cli.sizing;

import java.math.BigDecimal;

/**
 * What a teacher knows about the class, checked: how many students, which share of them work at the same time, and
 * what each one may use. {@code memoryPerStudent} is the limit each student's server gets ({@code limits.memory}):
 * what a student's usual work takes, plus the 20–40 % headroom TLJH advises on top of that measurement.
 * {@code cpuPerStudent} is what an active student uses on average (not the limit: CPU only slows down when short).
 */
public record ClassProfile(
        int students, BigDecimal concurrent, long memoryPerStudent, BigDecimal cpuPerStudent, long diskPerStudent) {
    public ClassProfile {
        if (students < 1) {
            throw new IllegalArgumentException("--students " + students
                    + ": a class has at least one student: give the number on your roster, like --students 30");
        }
        if (concurrent.signum() <= 0 || concurrent.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(
                    "--concurrent " + concurrent.toPlainString()
                            + " is the share of the class working at the same time:"
                            + " use a number above 0 and at most 1, like 0.5 (half the class; TLJH suggests 0.4 to 0.6, 1 for a lab where everyone works at once)");
        }
        if (cpuPerStudent.signum() <= 0) {
            throw new IllegalArgumentException("--cpu-per-student " + cpuPerStudent.toPlainString()
                    + ": use a number of CPUs above 0, like 0.25 (a quarter of a core)");
        }
        if (memoryPerStudent <= 0 || diskPerStudent <= 0) {
            throw new IllegalArgumentException(
                    "sizes must be above 0: use a number with K, M, G or T, like 512M or 2G");
        }
    }

    /** The command line's values: sizes as text ({@code 1G}), parsed here so a bad one is named with its option. */
    public static ClassProfile of(
            int students,
            BigDecimal concurrent,
            String memoryPerStudent,
            BigDecimal cpuPerStudent,
            String diskPerStudent) {
        return new ClassProfile(
                students,
                concurrent,
                Size.parse("--memory-per-student", memoryPerStudent),
                cpuPerStudent,
                Size.parse("--disk-per-student", diskPerStudent));
    }
}
