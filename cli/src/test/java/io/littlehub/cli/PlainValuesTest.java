package io.littlehub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class PlainValuesTest {
    @Test
    void timesInHoursMinutesAndSeconds() {
        assertEquals(Duration.ofSeconds(60), PlainValues.duration("60s"));
        assertEquals(Duration.ofMinutes(2), PlainValues.duration("2m"));
        assertEquals(Duration.ofSeconds(90), PlainValues.duration("1m30s"));
        assertEquals(Duration.ofHours(1), PlainValues.duration("1h"));
        assertEquals(Duration.ZERO, PlainValues.duration("0s"));
    }

    @Test
    void aTimeWithoutUnitOrInWordsIsRefused() {
        for (String bad : new String[] {"60", "2 minutes", "s", "1.5m", "-1s"}) {
            assertEquals(
                    "'" + bad + "' is not a time (like 60s, 2m or 1m30s)",
                    assertThrows(TypeConversionException.class, () -> PlainValues.duration(bad))
                            .getMessage(),
                    bad);
        }
    }
}
