package io.littlehub.cli.faults;

import java.util.List;
import java.util.Optional;

/**
 * Whether a process's resident memory kept growing over a soak: the mean of the last quarter of the samples taken
 * after warm-up against the mean of the first quarter, which may grow by a tenth plus 10 MiB (allocator and garbage
 * collector noise, caches filling once). A leak of a few MiB a minute fails a 10-minute soak.
 */
final class MemoryGrowth {
    static final double ALLOWED_FRACTION = 0.10;
    static final double ALLOWED_MIB = 10;

    private MemoryGrowth() {}

    /** Empty when {@code mib} (samples after warm-up, in order) stays within the bound; else what grew, by how much. */
    static Optional<String> unbounded(String process, List<Long> mib) {
        if (mib.size() < 4) {
            throw new IllegalArgumentException(
                    "too few memory samples of " + process + " (" + mib.size() + "): run the soak longer");
        }
        int quarter = mib.size() / 4;
        double first = mean(mib.subList(0, quarter));
        double last = mean(mib.subList(mib.size() - quarter, mib.size()));
        double allowed = first * (1 + ALLOWED_FRACTION) + ALLOWED_MIB;
        return last <= allowed
                ? Optional.empty()
                : Optional.of(String.format(
                        "%s's memory grew from %.0f to %.0f MiB (mean of the first and last quarter of %d samples;"
                                + " at most %.0f allowed)",
                        process, first, last, mib.size(), allowed));
    }

    private static double mean(List<Long> xs) {
        return xs.stream().mapToLong(Long::longValue).average().orElseThrow();
    }
}
