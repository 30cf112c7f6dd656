package io.littlehub.cli.hubs;

import java.util.ArrayList;
import java.util.List;

/**
 * How a change goes over many hubs, as Ansible's {@code serial} and {@code max_fail}: batches ({@code --serial 1},
 * {@code N} or {@code 30%} of the selected hubs, at least one; none: one batch of all) that each finish before the
 * next starts, and a limit of failed hubs after which no hub starts ({@code --max-fail N}; with batches the default
 * is 1, so a failed batch stops the rollout; without, every hub runs). Pure.
 *
 * @param serial null: one batch
 * @param maxFail null: the default above
 */
public record Rollout(String serial, Integer maxFail) {
    public static final Rollout ALL_AT_ONCE = new Rollout(null, null);

    public Rollout {
        if (serial != null) {
            batchSize(serial, 1);
        }
        if (maxFail != null && maxFail < 1) {
            throw new IllegalArgumentException("--max-fail " + maxFail
                    + ": give how many failed hubs stop the rollout, at least 1 (like --max-fail 1)");
        }
    }

    /** {@code hubs} cut into batches in order. */
    public <T> List<List<T>> batches(List<T> hubs) {
        int size = serial == null ? Math.max(1, hubs.size()) : batchSize(serial, hubs.size());
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < hubs.size(); i += size) {
            batches.add(List.copyOf(hubs.subList(i, Math.min(hubs.size(), i + size))));
        }
        return batches;
    }

    /** Whether another hub may start after {@code failed} hubs failed. */
    public boolean mayStart(int failed) {
        Integer limit = maxFail != null ? maxFail : serial != null ? Integer.valueOf(1) : null;
        return limit == null || failed < limit;
    }

    private static int batchSize(String serial, int hubs) {
        String s = serial.strip();
        try {
            if (s.endsWith("%")) {
                int percent = Integer.parseInt(s.substring(0, s.length() - 1));
                if (percent >= 1 && percent <= 100) {
                    return Math.max(1, hubs * percent / 100);
                }
            } else {
                int n = Integer.parseInt(s);
                if (n >= 1) {
                    return n;
                }
            }
        } catch (NumberFormatException e) {
            // worded below
        }
        throw new IllegalArgumentException("--serial " + serial
                + ": give how many hubs change at a time, as a number (1, 5) or a share of them (30%)");
    }
}
