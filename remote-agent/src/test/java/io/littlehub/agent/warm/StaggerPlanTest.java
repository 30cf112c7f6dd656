package io.littlehub.agent.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The batches servers are started in, as data. */
class StaggerPlanTest {
    static Stream<Arguments> batchSizes() {
        return Stream.of(
                Arguments.of(1, 1), Arguments.of(2, 2), Arguments.of(4, 4), Arguments.of(16, 4), Arguments.of(0, 1));
    }

    @ParameterizedTest(name = "{0} cores: {1} at a time")
    @MethodSource
    void batchSizes(int cores, int size) {
        assertEquals(size, StaggerPlan.batchSize(cores));
    }

    static Stream<Arguments> batches() {
        return Stream.of(
                Arguments.of(
                        List.of("a", "b", "c", "d", "e"),
                        2,
                        List.of(List.of("a", "b"), List.of("c", "d"), List.of("e"))),
                Arguments.of(List.of("a", "b"), 4, List.of(List.of("a", "b"))),
                Arguments.of(List.of(), 2, List.of()));
    }

    @ParameterizedTest
    @MethodSource
    void batches(List<String> names, int size, List<List<String>> expected) {
        assertEquals(expected, StaggerPlan.batches(names, size));
    }
}
