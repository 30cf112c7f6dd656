package io.littlehub.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemdOutputTest {
    private static final Instant NOW = Instant.ofEpochSecond(1796039625L + 3 * 3600 + 12 * 60);

    // Captured on Debian 12 (systemd 252): `systemctl show --timestamp=unix -p PROPERTIES jupyterhub.service
    // littlehub-proxy.service littlehub-backup.timer` with the timer stopped, and a unit that does not exist.
    private static final String SHOW = """
            Id=jupyterhub.service
            LoadState=loaded
            ActiveState=active
            SubState=running
            StateChangeTimestamp=@1796039625
            ActiveEnterTimestamp=@1796039625

            Id=littlehub-proxy.service
            LoadState=loaded
            ActiveState=failed
            SubState=failed
            StateChangeTimestamp=@1796040000
            ActiveEnterTimestamp=@1796039625

            Id=littlehub-backup.timer
            LoadState=loaded
            ActiveState=active
            SubState=waiting
            StateChangeTimestamp=@1796039625
            ActiveEnterTimestamp=@1796039625

            NextElapseUSecRealtime=
            Id=nosuch.service
            LoadState=not-found
            ActiveState=inactive
            SubState=dead
            StateChangeTimestamp=
            ActiveEnterTimestamp=
            """;

    @Test
    void unitsAreReadBlockByBlock() {
        List<HubStatus.Unit> units =
                SystemdOutput.units(SHOW, Map.of("littlehub-backup.timer", Instant.parse("2026-12-01T00:23:11Z")), NOW);
        assertEquals(
                List.of("jupyterhub.service", "littlehub-proxy.service", "littlehub-backup.timer", "nosuch.service"),
                units.stream().map(HubStatus.Unit::unit).toList());
        HubStatus.Unit hub = units.get(0);
        assertTrue(hub.active());
        assertEquals("running", hub.sub_state());
        assertEquals(Instant.ofEpochSecond(1796039625L).toString(), hub.since());
        assertEquals(3 * 3600 + 12 * 60, hub.uptime_seconds());
        assertNull(hub.next_run(), "services have no next run");
    }

    @Test
    void anInactiveUnitIsSinceItsLastChangeWithoutUptime() {
        HubStatus.Unit proxy = SystemdOutput.units(SHOW, Map.of(), NOW).get(1);
        assertEquals("failed", proxy.active_state());
        assertEquals(Instant.ofEpochSecond(1796040000L).toString(), proxy.since());
        assertNull(proxy.uptime_seconds());
        HubStatus.Unit missing = SystemdOutput.units(SHOW, Map.of(), NOW).get(3);
        assertEquals("not-found", missing.load_state());
        assertNull(missing.since(), "never ran");
    }

    @Test
    void aTimerCarriesItsNextRun() {
        HubStatus.Unit timer = SystemdOutput.units(
                        SHOW, Map.of("littlehub-backup.timer", Instant.parse("2026-12-01T00:23:11Z")), NOW)
                .get(2);
        assertEquals("2026-12-01T00:23:11Z", timer.next_run());
    }

    /** {@code systemctl show}'s text and the blocks read from it (status and the health wait share the reader). */
    @Test
    void blocksAreKeyValueLinesBetweenBlankLines() {
        Map<String, List<Map<String, String>>> cases = Map.of(
                "", List.of(),
                "\n \n", List.of(),
                "A=1\n", List.of(Map.of("A", "1")),
                // Leading, repeated and space-only blank lines all separate; no trailing newline is needed.
                "\n\nA=1\nB=2\n \n\t\n\nA=3", List.of(Map.of("A", "1", "B", "2"), Map.of("A", "3")),
                // The first = splits: a value keeps its own; an empty value is empty, not absent.
                "ExecStart=python a=b\nMainPID=\n", List.of(Map.of("ExecStart", "python a=b", "MainPID", "")));
        cases.forEach((show, blocks) -> assertEquals(blocks, SystemdOutput.blocks(show), show));
        for (String notKeyValue : List.of("A=1\nwarning: something\n", "=1\n")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> SystemdOutput.blocks(notKeyValue));
            assertTrue(
                    e.getMessage().startsWith("systemctl show printed a line that is not Key=value: "), e.getMessage());
        }
    }

    @Test
    void timestampsOfAnOlderSystemdAreRefusedWithTheReason() {
        String old = "Id=jupyterhub.service\nActiveState=active\nActiveEnterTimestamp=Mon 2025-03-03 09:00:00 UTC\n";
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SystemdOutput.units(old, Map.of(), NOW));
        assertTrue(e.getMessage().contains("older than 251"), e.getMessage());
    }

    @Test
    void nextRunsComeFromListTimersJson() {
        // Captured: `systemctl list-timers --all --output=json 'apt-*'` (and a stopped timer: next 0).
        String json =
                "[{\"next\":1796098636231315,\"left\":1796098636231315,\"last\":1796038713349334,\"passed\":1796038713349334,"
                        + "\"unit\":\"apt-daily.timer\",\"activates\":\"apt-daily.service\"},"
                        + "{\"next\":0,\"left\":0,\"last\":0,\"passed\":0,\"unit\":\"littlehub-backup.timer\",\"activates\":\"littlehub-backup.service\"}]";
        Map<String, Instant> next = SystemdOutput.nextRuns(json);
        assertEquals(Map.of("apt-daily.timer", Instant.parse("2026-12-01T04:17:16.231315Z")), next);
        assertEquals(Map.of(), SystemdOutput.nextRuns("[]\n"));
    }

    @Test
    void unitFilesAreTheFirstColumn() {
        assertEquals(
                List.of("littlehub-backup.timer"),
                SystemdOutput.unitFiles("littlehub-backup.timer      enabled enabled\n"));
        assertEquals(List.of(), SystemdOutput.unitFiles(""));
    }
}
