package io.littlehub.cli.hubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutTest {
    private static final List<String> TEN = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    @Test
    void serialCutsTheHubsIntoBatchesInOrder() {
        assertEquals(List.of(TEN), Rollout.ALL_AT_ONCE.batches(TEN));
        assertEquals(10, new Rollout("1", null).batches(TEN).size());
        assertEquals(
                List.of(List.of("a", "b", "c", "d"), List.of("e", "f", "g", "h"), List.of("i", "j")),
                new Rollout("4", null).batches(TEN));
        assertEquals(
                List.of(List.of("a", "b", "c"), List.of("d", "e", "f"), List.of("g", "h", "i"), List.of("j")),
                new Rollout("30%", null).batches(TEN));
        assertEquals(
                List.of(List.of("a"), List.of("b")),
                new Rollout("10%", null).batches(List.of("a", "b")),
                "a share rounds down, to one hub at least");
    }

    @Test
    void maxFailDefaultsToOneWithBatchesAndNoLimitWithout() {
        assertTrue(Rollout.ALL_AT_ONCE.mayStart(5));
        assertTrue(new Rollout("1", null).mayStart(0));
        assertFalse(new Rollout("1", null).mayStart(1));
        assertTrue(new Rollout("1", 3).mayStart(2));
        assertFalse(new Rollout(null, 2).mayStart(2));
    }

    @Test
    void badValuesAreRefusedWithTheForm() {
        for (String bad : List.of("0", "-1", "0%", "101%", "abc", "", "1.5")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new Rollout(bad, null), bad);
            assertTrue(e.getMessage().contains("(1, 5) or a share of them (30%)"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Rollout(null, 0));
    }
}
