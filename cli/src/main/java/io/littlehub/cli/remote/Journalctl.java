package io.littlehub.cli.remote;

import io.littlehub.common.status.HubUnits;
import io.littlehub.common.students.StudentNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code journalctl} argument list for {@code littlehub logs}: which units ({@code hub}, {@code proxy}, {@code https}, a
 * student's server), how far back, how many lines, following or not. Pure; every value its own argument. A name or a
 * time that cannot be right is refused here, before anything connects.
 */
public final class Journalctl {
    /** Lines shown when not following and no {@code -n} is given. */
    public static final int DEFAULT_LINES = 200;

    public static final String HUB = "hub";
    public static final String PROXY = "proxy";
    public static final String HTTPS = "https";

    private Journalctl() {}

    /**
     * @param targets  {@code hub}, {@code proxy}, {@code https} (the HTTPS front) or a student's name (empty: the hub and the proxy)
     * @param students more students, by name only (a student named "hub", "proxy" or "https")
     * @param since    as typed ({@link JournalSince}); null: no limit
     * @param lines    the last {@code lines} lines, or with {@code since} the first from then on (journalctl's rule);
     *                 null: the last {@link #DEFAULT_LINES}, all since {@code since}, or journalctl's 10 when following
     */
    public static List<String> argv(
            List<String> targets, List<String> students, boolean follow, String since, Integer lines) {
        if (lines != null && lines < 1) {
            throw new IllegalArgumentException("-n " + lines + ": show at least 1 line");
        }
        List<String> argv = new ArrayList<>(List.of("journalctl", "--no-pager", "--output", "short-iso"));
        for (String unit : units(targets, students)) {
            argv.add("-u");
            argv.add(unit);
        }
        if (since != null) {
            argv.add("--since");
            argv.add(JournalSince.parse(since));
        }
        // Only without a window (--since) or a stream (-f): those already bound what is shown.
        if (lines != null || !follow && since == null) {
            argv.add("-n");
            argv.add(Integer.toString(lines != null ? lines : DEFAULT_LINES));
        }
        if (follow) {
            argv.add("--follow");
        }
        return argv;
    }

    /** The units, each once, in the order asked; a student's name is checked as the roster commands check it. */
    static Set<String> units(List<String> targets, List<String> students) {
        Set<String> units = new LinkedHashSet<>();
        if (targets.isEmpty() && students.isEmpty()) {
            units.add(HubUnits.HUB);
            units.add(HubUnits.PROXY);
        }
        for (String t : targets) {
            units.add(
                    switch (t) {
                        case HUB -> HubUnits.HUB;
                        case PROXY -> HubUnits.PROXY;
                        case HTTPS -> HubUnits.HTTPS;
                        default -> studentServer(t);
                    });
        }
        students.forEach(s -> units.add(studentServer(s)));
        return units;
    }

    private static String studentServer(String typed) {
        return HubUnits.studentServer(StudentNames.normalize(typed));
    }
}
