package io.littlehub.agent.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SemVerTest {
    private static Optional<String> refusal(String from, String to) {
        return SemVer.refusal(SemVer.parse(from), SemVer.parse(to));
    }

    @Test
    void parsesOnlyMajorMinorPatch() {
        assertEquals(new SemVer(0, 6, 12), SemVer.parse("0.6.12"));
        for (String bad : new String[] {"0.6", "v0.6.0", "0.6.0-SNAPSHOT", "00.6.0", "0.6.0 ", "", "1.2.3.4"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SemVer.parse(bad));
            assertTrue(e.getMessage().contains("MAJOR.MINOR.PATCH"), e.getMessage());
        }
        assertTrue(SemVer.parse("0.10.0").compareTo(SemVer.parse("0.9.9")) > 0, "numbers, not text");
    }

    @Test
    void oneMinorAtATimeAndPatchesFreely() {
        assertEquals(Optional.empty(), refusal("0.5.0", "0.6.0"));
        assertEquals(Optional.empty(), refusal("0.5.3", "0.6.7"));
        assertEquals(Optional.empty(), refusal("0.6.0", "0.6.4"));
        assertEquals(Optional.empty(), refusal("0.9.2", "1.0.0"));
    }

    @Test
    void aSkipIsRefusedWithTheStepsToTake() {
        String skip = refusal("0.4.2", "0.7.0").orElseThrow();
        assertTrue(skip.contains("0.4.2 → 0.7.0 skips 0.5.x, 0.6.x"), skip);
        assertTrue(skip.contains("Upgrade with littlehub 0.5.x, then 0.6.x first"), skip);
        String major = refusal("0.4.0", "1.1.0").orElseThrow();
        assertTrue(major.contains("the last 0.x release, 1.0.x"), major);
    }

    @Test
    void aDowngradeIsRefusedWithRollback() {
        String down = refusal("0.7.0", "0.6.0").orElseThrow();
        assertTrue(down.contains("littlehub rollback") && down.contains("install littlehub 0.7.0"), down);
    }
}
