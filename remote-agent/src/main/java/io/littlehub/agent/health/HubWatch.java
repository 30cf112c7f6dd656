package io.littlehub.agent.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the health timer does about what it sees, as data. systemd already restarts a hub or proxy that exits
 * ({@code Restart=always}); this catches the ones that run but no longer answer (a hang, a deadlock, SIGSTOP) and
 * the ones systemd gave up on (failed after too many restarts). It never acts while a littlehub change holds the
 * config lock (a provision or upgrade restarts the hub itself) or on a unit someone stopped on purpose (inactive). A
 * unit that answered since it started and no longer does hangs; one that never answered is only judged after
 * {@link #STARTUP_SECONDS}: on a small or slow VM JupyterHub's imports alone can take minutes (killing it then would
 * never let it start).
 */
public final class HubWatch {
    public static final long STARTUP_SECONDS = 600;

    /**
     * One unit as systemd and the network see it. {@code answers}: the hub's health URL said 200, the proxy answered at
     * all; {@code answeredSinceStart}: it did at some check since it last started.
     */
    public record Unit(String activeState, long activeForSeconds, boolean answers, boolean answeredSinceStart) {}

    public enum Remedy {
        RESTART_HUB("jupyterhub.service", true),
        START_HUB("jupyterhub.service", false),
        RESTART_PROXY("littlehub-proxy.service", true),
        START_PROXY("littlehub-proxy.service", false);

        public final String unit;
        /** true: it hangs (killed, then started); false: systemd gave up on it (reset, then started). */
        public final boolean hangs;

        Remedy(String unit, boolean hangs) {
            this.unit = unit;
            this.hangs = hangs;
        }
    }

    private HubWatch() {}

    public static List<Remedy> remedies(Unit hub, Unit proxy, boolean changeInProgress) {
        List<Remedy> out = new ArrayList<>();
        if (changeInProgress) {
            return out;
        }
        remedy(proxy, Remedy.RESTART_PROXY, Remedy.START_PROXY).ifPresent(out::add);
        remedy(hub, Remedy.RESTART_HUB, Remedy.START_HUB).ifPresent(out::add);
        return out;
    }

    private static Optional<Remedy> remedy(Unit unit, Remedy hangs, Remedy failed) {
        if ("failed".equals(unit.activeState())) {
            return Optional.of(failed);
        }
        if ("active".equals(unit.activeState())
                && !unit.answers()
                && (unit.answeredSinceStart() || unit.activeForSeconds() >= STARTUP_SECONDS)) {
            return Optional.of(hangs);
        }
        return Optional.empty();
    }
}
