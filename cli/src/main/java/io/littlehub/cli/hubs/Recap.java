package io.littlehub.cli.hubs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.littlehub.common.ExitCodes;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The end of a run on many hubs: one table (hub, result, changed, time), or with {@code --json} one {@code hub_recap}
 * event per hub, and the run's exit code. Pure but for the stream it prints to.
 */
public final class Recap {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Recap() {}

    /**
     * One hub's run.
     *
     * @param changed the changes its recap counted; null when its output had no recap
     * @param started false: not started, after too many failures ({@code --max-fail})
     */
    public record Outcome(String hub, int exit, Integer changed, Duration time, boolean started) {
        static Outcome notStarted(String hub) {
            return new Outcome(hub, ExitCodes.FAILED, null, Duration.ZERO, false);
        }

        boolean ok() {
            return started && exit == ExitCodes.OK;
        }

        String result() {
            if (!started) {
                return "not started";
            }
            return exit == ExitCodes.OK
                    ? "ok"
                    : exit == ExitCodes.UNREACHABLE ? "unreachable" : "failed (exit " + exit + ")";
        }
    }

    static void print(List<Outcome> outcomes, boolean json, PrintStream out) {
        synchronized (out) {
            if (json) {
                for (Outcome o : outcomes) {
                    ObjectNode e = JSON.createObjectNode()
                            .put("hub", o.hub())
                            .put("event", "hub_recap")
                            .put(
                                    "result",
                                    o.started()
                                            ? o.ok()
                                                    ? "ok"
                                                    : o.exit() == ExitCodes.UNREACHABLE ? "unreachable" : "failed"
                                            : "not_started")
                            .put("exit", o.started() ? o.exit() : null)
                            .put("changed", o.changed())
                            .put("ms", o.time().toMillis());
                    out.println(e.toString());
                }
            } else {
                out.println(table(outcomes));
            }
            out.flush();
        }
    }

    static String table(List<Outcome> outcomes) {
        int hubWidth = Math.max(
                3, outcomes.stream().mapToInt(o -> o.hub().length()).max().orElse(3));
        int resultWidth = Math.max(
                6, outcomes.stream().mapToInt(o -> o.result().length()).max().orElse(6));
        String row = "%-" + hubWidth + "s  %-" + resultWidth + "s  %7s  %8s%n";
        long ok = outcomes.stream().filter(Outcome::ok).count();
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT, "RECAP %d hub(s): %d ok, %d not ok%n", outcomes.size(), ok, outcomes.size() - ok));
        b.append(String.format(Locale.ROOT, row, "hub", "result", "changed", "time"));
        for (Outcome o : outcomes) {
            b.append(String.format(
                    Locale.ROOT,
                    row,
                    o.hub(),
                    o.result(),
                    o.changed() == null ? "-" : o.changed().toString(),
                    o.started() ? String.format(Locale.ROOT, "%.1f s", o.time().toMillis() / 1000.0) : "-"));
        }
        return b.toString().stripTrailing();
    }

    /** 0 when every hub succeeded; else the failed hubs' exit code when they share one, else 1. */
    static int exitCode(List<Outcome> outcomes) {
        List<Integer> codes = outcomes.stream()
                .filter(o -> !o.ok())
                .map(o -> o.started() ? o.exit() : ExitCodes.FAILED)
                .distinct()
                .toList();
        return codes.isEmpty() ? ExitCodes.OK : codes.size() == 1 ? codes.get(0) : ExitCodes.FAILED;
    }
}
