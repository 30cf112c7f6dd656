package io.littlehub.agent.doctor;

import java.util.List;
import java.util.Set;

/** Which student server units are stale, from {@code systemctl list-units --plain --no-legend} output. Pure. */
public final class StaleUnits {
    /** A stale unit: {@code failed} (it needs a reset) or running while the hub does not know it (it needs a stop). */
    public record Stale(String unit, boolean failed) {
        List<String> fix() {
            return List.of("systemctl", failed ? "reset-failed" : "stop", unit);
        }
    }

    private StaleUnits() {}

    /** Failed units, and active or activating ones whose server the hub does not know ({@code known}: unit names). */
    static List<Stale> of(String listUnits, Set<String> known) {
        return listUnits
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+"))
                .filter(c -> c.length >= 4)
                .filter(c -> c[2].equals("failed")
                        || ((c[2].equals("active") || c[2].equals("activating")) && !known.contains(c[0])))
                .map(c -> new Stale(c[0], c[2].equals("failed")))
                .toList();
    }
}
