package io.littlehub.cli.rehearsal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page (inline SVG, no script) of the class start: one row per student, a bar from its arrival
 * through each phase it reached to its kernel and first cell, a failed student's bar in red with its reason.
 */
final class KernelPlot {
    private static final String[] COLOURS = {"#9ecae1", "#6baed6", "#3182bd", "#08519c", "#d9d9d9"};
    private static final int ROW = 18;
    private static final int LEFT = 120;
    private static final int WIDTH = 720;

    private KernelPlot() {}

    static String html(String title, List<StudentRun> runs) {
        double end = runs.stream()
                .mapToDouble(r -> seconds(r.startedAt())
                        + r.reached().values().stream()
                                .mapToDouble(KernelPlot::seconds)
                                .max()
                                .orElse(0))
                .max()
                .orElse(1);
        double scale = WIDTH / Math.max(end, 1);
        StringBuilder svg = new StringBuilder();
        int height = ROW * runs.size() + 40;
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif'"
                        + " font-size='11'>%n",
                LEFT + WIDTH + 20,
                height));
        for (int i = 0; i < runs.size(); i++) {
            StudentRun r = runs.get(i);
            int y = 10 + i * ROW;
            svg.append(String.format(Locale.ROOT, "<text x='4' y='%d'>%s</text>%n", y + 12, escape(r.name())));
            double from = seconds(r.startedAt());
            for (Phase p : Phase.values()) {
                Duration at = r.reached().get(p);
                if (at == null) {
                    break;
                }
                double to = seconds(r.startedAt()) + seconds(at);
                bar(svg, from, to, y, scale, COLOURS[p.ordinal()], p.label() + " at " + Verdict.seconds(at));
                from = to;
            }
            if (r.failed()) {
                bar(
                        svg,
                        from,
                        from + 1,
                        y,
                        scale,
                        "#de2d26",
                        "failed at " + r.failedIn().label() + ": " + r.reason());
            }
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x='%d' y='%d'>0 s</text><text x='%d' y='%d' text-anchor='end'>%.0f s</text>%n</svg>",
                LEFT,
                height - 8,
                LEFT + WIDTH,
                height - 8,
                end));
        StringBuilder legend = new StringBuilder();
        for (Phase p : Phase.values()) {
            legend.append(String.format(
                    "<span style='background:%s;padding:0 8px;margin-right:12px'>%s</span>",
                    COLOURS[p.ordinal()], p.label()));
        }
        return "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>" + escape(title) + "</title></head>"
                + "<body style='font-family:sans-serif'><h1>" + escape(title) + "</h1><p>Time to kernel per"
                + " student, from the class start; hover a bar for its time. " + legend + "</p>\n" + svg
                + "\n</body></html>\n";
    }

    private static void bar(StringBuilder svg, double from, double to, int y, double scale, String colour, String tip) {
        svg.append(String.format(
                Locale.ROOT,
                "<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='%s'><title>%s</title></rect>%n",
                LEFT + from * scale,
                y,
                Math.max(1, (to - from) * scale),
                ROW - 4,
                colour,
                escape(tip)));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
