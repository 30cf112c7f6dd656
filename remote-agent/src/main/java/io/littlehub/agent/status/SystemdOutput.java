package io.littlehub.agent.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what systemctl prints, as data: the unit files a pattern matches, the properties of units
 * ({@code systemctl show --timestamp=unix}), and timers' next runs ({@code systemctl list-timers --output=json}).
 * Pure: text in, records out.
 */
public final class SystemdOutput {
    /** The properties {@link #units} reads, for {@code systemctl show -p}. */
    public static final String PROPERTIES =
            "Id,LoadState,ActiveState,SubState,ActiveEnterTimestamp,StateChangeTimestamp";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SystemdOutput() {}

    /** {@code systemctl list-unit-files --no-legend --plain PATTERN}: the unit names (first column). */
    public static List<String> unitFiles(String output) {
        return output.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+")[0])
                .toList();
    }

    /**
     * {@code systemctl show --timestamp=unix -p PROPERTIES UNIT…}: one block of {@code Key=value} lines per unit,
     * blocks separated by an empty line (systemd does not keep the order of the keys within a block).
     *
     * @param nextRuns timers' next runs ({@link #nextRuns}); {@code now} gives the uptime
     */
    public static List<HubStatus.Unit> units(String output, Map<String, Instant> nextRuns, Instant now) {
        List<HubStatus.Unit> units = new ArrayList<>();
        for (Map<String, String> p : blocks(output)) {
            String id = p.get("Id");
            if (id == null) {
                throw new IllegalArgumentException("systemctl show printed a block without Id: " + p);
            }
            boolean active = "active".equals(p.get("ActiveState"));
            Instant since = timestamp(p.get(active ? "ActiveEnterTimestamp" : "StateChangeTimestamp"));
            Instant next = nextRuns.get(id);
            units.add(new HubStatus.Unit(
                    id,
                    p.get("LoadState"),
                    p.get("ActiveState"),
                    p.get("SubState"),
                    since == null ? null : since.toString(),
                    active && since != null ? Duration.between(since, now).toSeconds() : null,
                    active && next != null ? next.toString() : null));
        }
        return units;
    }

    /** {@code systemctl list-timers --all --output=json PATTERN}: each timer's next run (absent when none is due). */
    public static Map<String, Instant> nextRuns(String json) {
        JsonNode timers;
        try {
            timers = JSON.readTree(json.isBlank() ? "[]" : json);
        } catch (IOException e) {
            throw new UncheckedIOException("systemctl list-timers printed no JSON: " + json.strip(), e);
        }
        Map<String, Instant> next = new LinkedHashMap<>();
        for (JsonNode t : timers) {
            long micros = t.path("next").asLong(0);
            if (micros > 0) {
                next.put(t.path("unit").asText(), Instant.EPOCH.plusNanos(micros * 1000));
            }
        }
        return next;
    }

    /**
     * {@code systemctl show}'s blocks as {@code Key=value} maps (one per unit, in the order printed; values as printed,
     * an {@code =} in a value kept). Blank lines (spaces only, too) separate blocks; any other line without a key is
     * refused: systemctl prints none, so such output is not what the reader thinks it is. The one reader of this output
     * (status, and the health wait after a restart).
     */
    public static List<Map<String, String>> blocks(String output) {
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                    block = new LinkedHashMap<>();
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("systemctl show printed a line that is not Key=value: " + line);
            }
            block.put(line.substring(0, eq), line.substring(eq + 1));
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        return blocks;
    }

    /** {@code @1700000000} (seconds since the epoch); empty: never. */
    private static Instant timestamp(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches("@[0-9]+")) {
            throw new IllegalArgumentException(
                    "systemctl show printed the timestamp \"" + value + "\" where @SECONDS was"
                            + " expected: this systemd is older than 251 (Debian 12, Ubuntu 24.04 and newer print it)");
        }
        return Instant.ofEpochSecond(Long.parseLong(value.substring(1)));
    }
}
