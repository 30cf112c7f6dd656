package io.littlehub.agent.warm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmCommandTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    /** The keeper's own JVM starts only when it has servers to keep and a grace still ahead. */
    @Test
    void aKeeperStartsOnlyForServersAndAGraceAhead() {
        assertTrue(WarmCommand.needsKeeper(List.of("ada"), NOW.plusSeconds(20 * 60), NOW), "a class's grace");
        assertFalse(WarmCommand.needsKeeper(List.of("ada"), NOW, NOW), "a rehearsal's --grace 0: over at once");
        assertFalse(WarmCommand.needsKeeper(List.of("ada"), NOW.minusSeconds(1), NOW), "a grace already over");
        assertFalse(WarmCommand.needsKeeper(List.of(), NOW.plusSeconds(60), NOW), "no server runs");
    }
}
