package io.littlehub.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JournalSinceTest {
    @Test
    void spansBackFromNowAreJournalctlsRelativeForm() {
        assertEquals("-30m", JournalSince.parse("30m"));
        assertEquals("-1h", JournalSince.parse("1h"));
        assertEquals("-2d", JournalSince.parse(" 2d "));
    }

    @Test
    void isoDatesAndTimesAreWrittenAsSystemdReadsThem() {
        assertEquals("2025-03-01 00:00:00", JournalSince.parse("2025-03-01"));
        assertEquals("2025-03-01 14:30:00", JournalSince.parse("2025-03-01T14:30"));
        assertEquals("2025-03-01 14:30:15", JournalSince.parse("2025-03-01 14:30:15"));
    }

    @Test
    void anythingElseIsRefusedNamingTheAcceptedForms() {
        for (String bad : List.of(
                "yesterday-ish",
                "yesterday",
                "1 h",
                "-1h",
                "0h",
                "1M",
                "2025-13-01",
                "2025-03-01T25:00",
                "",
                "1h; reboot")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> JournalSince.parse(bad), bad);
            assertTrue(
                    e.getMessage().contains("30m, 1h, 2d") && e.getMessage().contains("2025-03-01T14:30"),
                    e.getMessage());
        }
    }
}
