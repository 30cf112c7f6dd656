package io.littlehub.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MemoryGrowthTest {
    @Test
    void aFlatProcessWithNoiseIsWithinTheBound() {
        List<Long> hub = List.of(136L, 138L, 135L, 137L, 139L, 136L, 138L, 140L, 137L, 139L, 141L, 138L);
        assertEquals(Optional.empty(), MemoryGrowth.unbounded("the hub", hub));
    }

    @Test
    void aLeakOfTwoMibPerSampleIsNot() {
        // 40 samples, 15 s apart: a 10-minute soak leaking 8 MiB a minute.
        List<Long> leaking =
                LongStream.range(0, 40).map(i -> 136 + 2 * i).boxed().toList();
        Optional<String> grew = MemoryGrowth.unbounded("the hub", leaking);
        assertTrue(grew.isPresent());
        assertEquals(
                "the hub's memory grew from 145 to 205 MiB (mean of the first and last quarter of 40 samples;"
                        + " at most 170 allowed)",
                grew.get());
    }

    @Test
    void aStepUpThatStaysIsGrowthToo() {
        List<Long> proxy = List.of(66L, 66L, 67L, 66L, 90L, 91L, 90L, 92L);
        assertTrue(MemoryGrowth.unbounded("the proxy", proxy).isPresent());
    }

    @Test
    void tooFewSamplesSaySo() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MemoryGrowth.unbounded("the hub", List.of(1L, 2L)));
        assertEquals("too few memory samples of the hub (2): run the soak longer", e.getMessage());
    }
}
