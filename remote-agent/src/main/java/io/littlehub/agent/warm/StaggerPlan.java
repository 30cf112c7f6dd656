package io.littlehub.agent.warm;

import java.util.ArrayList;
import java.util.List;

/**
 * The order servers are started in: batches of {@link #batchSize} (one per CPU core, at least one, at most
 * {@link #MAX_BATCH}), each batch started together and waited for until ready before the next, so a student who
 * signs in meanwhile still finds a responsive hub (a server's start costs about a core for a second or two).
 */
public final class StaggerPlan {
    static final int MAX_BATCH = 4;

    private StaggerPlan() {}

    public static int batchSize(int cores) {
        return Math.max(1, Math.min(MAX_BATCH, cores));
    }

    public static List<List<String>> batches(List<String> names, int batchSize) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i += batchSize) {
            out.add(List.copyOf(names.subList(i, Math.min(names.size(), i + batchSize))));
        }
        return out;
    }
}
