package io.littlehub.agent.ops;

import io.littlehub.agent.status.SystemdOutput;
import io.littlehub.common.machine.Machine;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * A health check: the URL must answer with the expected status. Changes nothing.
 *
 * <p>Without {@code units}, it waits at most {@code timeoutSeconds}. With {@code units} (the services that answer
 * there), the wait fits the machine instead of a fixed guess: a hub that is only slow to start (a small or overloaded
 * VM, software emulation: minutes of imports) is waited for while each unit is still active with the same process,
 * up to {@code ceilingSeconds}; a broken one is not waited for: a unit that failed, or whose process ended or was
 * restarted by systemd, ends the wait at once.
 */
public record HttpCheck(String url, int status, int timeoutSeconds, List<String> units, int ceilingSeconds)
        implements Operation<HttpCheck.Waited> {
    /** How often the wait asks systemd about the units (the URL is asked more often). */
    static final long UNITS_EVERY_MILLIS = 1000;

    /** A check with no units to watch: at most {@code timeoutSeconds}. */
    public HttpCheck(String url, int status, int timeoutSeconds) {
        this(url, status, timeoutSeconds, List.of(), timeoutSeconds);
    }

    public HttpCheck {
        units = List.copyOf(units);
        if (ceilingSeconds < timeoutSeconds) {
            throw new IllegalArgumentException("ceiling " + ceilingSeconds + " s below the timeout " + timeoutSeconds);
        }
    }

    /** Why the wait ended. */
    public enum End {
        ANSWERED,
        /** No units to watch, and the timeout passed. */
        TIMEOUT,
        /** A watched unit failed, or its process ended or was restarted by systemd. */
        UNIT_DOWN,
        /** The units still ran their processes, but nothing answered within the ceiling. */
        CEILING
    }

    /** What the wait saw: the URL's last status (-1: nothing answered), why it ended, after how long, and the unit. */
    public record Waited(int status, End end, long seconds, String unit) {}

    /** One unit's state from {@code systemctl show}. */
    public record UnitState(String unit, String activeState, String subState, long mainPid, int restarts) {
        /** Running its process: active (running), or reloading. */
        boolean running() {
            return ("active".equals(activeState) || "reloading".equals(activeState)) && mainPid > 0;
        }

        String describe() {
            return unit + " " + activeState + " (" + subState + ")";
        }
    }

    /** The exact command line that reads the units' states. */
    public List<String> showUnits() {
        List<String> argv = new ArrayList<>(
                List.of("systemctl", "show", "--property=Id,ActiveState,SubState,MainPID,NRestarts", "--"));
        argv.addAll(units);
        return argv;
    }

    /**
     * {@code systemctl show}'s blocks ({@link SystemdOutput#blocks}), one per unit asked, in that order. A unit systemctl
     * printed nothing for is {@code unknown}, so not running: the wait does not go on on output it cannot read.
     */
    public List<UnitState> parseUnits(String show) {
        List<Map<String, String>> blocks = SystemdOutput.blocks(show);
        List<UnitState> states = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            Map<String, String> p = i < blocks.size() ? blocks.get(i) : Map.of();
            states.add(new UnitState(
                    p.getOrDefault("Id", units.get(i)),
                    p.getOrDefault("ActiveState", "unknown"),
                    p.getOrDefault("SubState", "unknown"),
                    number(p.get("MainPID")),
                    (int) number(p.get("NRestarts"))));
        }
        return states;
    }

    private static long number(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether the wait ends now, given what each unit ran when the wait began ({@code first}) and runs now. Pure: the
     * rules are tested as data.
     *
     * @return the unit that ended the wait, or null to keep waiting
     */
    public static UnitState down(List<UnitState> first, List<UnitState> now) {
        for (int i = 0; i < now.size(); i++) {
            UnitState was = first.get(i);
            UnitState is = now.get(i);
            if (!is.running()
                    || is.restarts() > was.restarts()
                    || (was.mainPid() > 0 && is.mainPid() != was.mainPid())) {
                return is;
            }
        }
        return null;
    }

    /** What the wait asks of the world: the URL's status, the clock (ms), a pause. A test gives its own. */
    public record World(ToIntFunction<String> probe, LongSupplier millis, Pause pause) {
        public static final World REAL = new World(HttpCheck::status, System::currentTimeMillis, HttpCheck::pause);
    }

    /** It waits for a restarted service: a check run, which restarted nothing, skips it. */
    @Override
    public boolean waitsForChanges() {
        return true;
    }

    @Override
    public Waited gather(Machine machine) {
        return waitFor(machine, World.REAL);
    }

    /** The wait, in {@code world}. */
    public Waited waitFor(Machine machine, World world) {
        ToIntFunction<String> probe = world.probe();
        LongSupplier millis = world.millis();
        long start = millis.getAsLong();
        List<UnitState> first = units.isEmpty() ? List.of() : states(machine);
        long lookedAt = start;
        while (true) {
            int last = probe.applyAsInt(url);
            long now = millis.getAsLong();
            long waited = (now - start) / 1000;
            if (last == status) {
                return new Waited(last, End.ANSWERED, waited, "");
            }
            if (units.isEmpty()) {
                if (waited >= timeoutSeconds) {
                    return new Waited(last, End.TIMEOUT, waited, "");
                }
            } else {
                // systemctl is a process (tens of ms on a small VM): once a second is soon enough to stop waiting for a
                // broken hub, while the URL is still asked every 100 ms.
                if (now - lookedAt >= UNITS_EVERY_MILLIS) {
                    lookedAt = now;
                    UnitState down = down(first, states(machine));
                    if (down != null) {
                        return new Waited(last, End.UNIT_DOWN, waited, down.describe());
                    }
                }
                if (waited >= ceilingSeconds) {
                    return new Waited(last, End.CEILING, waited, "");
                }
            }
            // Often: a restarted hub's first answer ends an upgrade's wait (the step after it starts sooner).
            if (!world.pause().pause(waited < timeoutSeconds ? 100 : 1000)) {
                return new Waited(last, End.TIMEOUT, waited, "");
            }
        }
    }

    private List<UnitState> states(Machine machine) {
        return parseUnits(machine.run(showUnits()).stdout());
    }

    /** Sleeps; false when interrupted. */
    @FunctionalInterface
    public interface Pause {
        boolean pause(long millis);
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The URL's HTTP status, or -1 when nothing answered (refused, timed out). */
    public static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            c.setInstanceFollowRedirects(false);
            return c.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public List<Action> plan(Waited got) {
        String answered = url + " answered " + (got.status() < 0 ? "nothing" : "HTTP " + got.status());
        String logs = "see `journalctl -u jupyterhub -u littlehub-proxy` on the VM (or `littlehub logs`)";
        return switch (got.end()) {
            case ANSWERED -> List.of();
            case TIMEOUT ->
                List.of(new Action.Fail(
                        answered + " within " + timeoutSeconds + " s, expected " + status + ": " + logs));
            case UNIT_DOWN ->
                List.of(new Action.Fail(answered + " (expected " + status + "): after " + got.seconds()
                        + " s its service stopped running its process (" + got.unit() + "), so it failed to start: "
                        + logs));
            case CEILING ->
                List.of(new Action.Fail(answered + " within " + ceilingSeconds + " s (expected " + status
                        + "), though " + String.join(" and ", units) + " kept running: " + logs
                        + ". If the journal shows it still starting, the VM is too slow or too busy: give it more CPU, or"
                        + " run the command again when it is quieter; if the journal stopped, it hangs"));
        };
    }
}
