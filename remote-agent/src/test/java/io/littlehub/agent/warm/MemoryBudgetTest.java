package io.littlehub.agent.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who is warmed and who stays cold, as data: memory, limits and running servers in, the plan out. */
class MemoryBudgetTest {
    private static final long GIB = 1L << 30;
    private static final List<String> CLASS = List.of("ada", "bob", "cy", "dee");

    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("everyone fits", 8 * GIB, Map.of("memory", "1G"), 0L, List.of("ada", "bob", "cy", "dee")),
                Arguments.of(
                        "2 GiB less the hub's: three of 1 GiB, at a third of it each",
                        2 * GIB,
                        Map.of("memory", "1G"),
                        0L,
                        List.of("ada", "bob", "cy")),
                Arguments.of("running servers' limits count", 2 * GIB, Map.of("memory", "1G"), 2 * GIB, List.of("ada")),
                Arguments.of("512M each", 3 * GIB, Map.of("memory", "512M"), 0L, List.of("ada", "bob", "cy", "dee")),
                Arguments.of(
                        "a student's own bigger limit leaves room for the next",
                        GIB + 2 * GIB / 3,
                        Map.of("memory", "512M", "users", Map.of("ada", Map.of("memory", "1.5G"))),
                        0L,
                        List.of("ada", "bob")),
                Arguments.of(
                        "no limit counts as 1 GiB", GIB + 2 * GIB / 3, Map.of("memory", ""), 0L, List.of("ada", "bob")),
                Arguments.of("nothing left", GIB / 2, Map.of("memory", "1G"), 0L, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plan(String name, long total, Map<String, Object> limits, long running, List<String> warm) {
        MemoryBudget.Plan plan = new MemoryBudget(total, MemoryBudget.HUB_RESERVE)
                .plan(CLASS, s -> MemoryBudget.limitOf(s, limits), running);
        assertEquals(warm, plan.warm());
        assertEquals(CLASS.stream().filter(s -> !warm.contains(s)).toList(), plan.cold());
    }

    @ParameterizedTest
    @MethodSource
    void bytes(String size, long expected) {
        assertEquals(expected, MemoryBudget.bytes(size));
    }

    static Stream<Arguments> bytes() {
        return Stream.of(
                Arguments.of("1048576", 1048576L),
                Arguments.of("512M", 512L << 20),
                Arguments.of("1.5G", 3L << 29),
                Arguments.of("2g", 2L << 30),
                Arguments.of("64K", 64L << 10),
                Arguments.of("1T", 1L << 40));
    }
}
