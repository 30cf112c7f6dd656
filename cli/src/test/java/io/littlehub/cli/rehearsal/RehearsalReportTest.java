package io.littlehub.cli.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The busy answers a class met, in the teacher's report and in the JSON. */
class RehearsalReportTest {
    private static final Rehearsal.Plan PLAN =
            new Rehearsal.Plan(3, Duration.ZERO, "5 * 4", Duration.ZERO, Duration.ofSeconds(45), false, false);

    private static final Instant STARTED = Instant.parse("2026-12-07T21:00:00Z");

    private static Rehearsal.Outcome outcome() {
        List<StudentRun> runs = List.of(
                VerdictTest.through("rehearsal-001", 10),
                VerdictTest.busy("rehearsal-002", 20, 1),
                VerdictTest.busy("rehearsal-003", 30, 2));
        var stats = Rehearsal.stats(runs);
        return new Rehearsal.Outcome(
                PLAN,
                STARTED,
                runs,
                stats,
                VerdictTest.ROOMY,
                Verdict.of(3, runs, stats, VerdictTest.ROOMY, null, PLAN.goal()),
                List.of());
    }

    @Test
    void theTextSaysHowManyTimesAndWho() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RehearsalReport.text(outcome(), Path.of("plot.html"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(
                text.startsWith("3 students, 0 s ramp: 3 through, 0 failed, 3 busy retries (the hub said 429: they"
                        + " paused and asked again)\n"),
                text);
        assertTrue(text.contains("\nbusy retries: rehearsal-002 ×1, rehearsal-003 ×2\n"), text);
        assertTrue(text.contains("\nPASS: "), text);
    }

    @Test
    void theJsonHasTheTotalAndEachStudent() throws Exception {
        JsonNode json = new ObjectMapper().readTree(RehearsalReport.json(outcome(), Path.of("plot.html")));
        assertEquals(3, json.path("busy_retries").asInt());
        assertEquals(
                "{\"rehearsal-002\":1,\"rehearsal-003\":2}",
                json.path("busy_retries_by_student").toString());
        assertEquals(0, json.path("failures").size());
        assertTrue(json.path("pass").asBoolean());
        assertEquals("2026-12-07T21:00:00Z", json.path("started_at").asText());
        assertEquals(30.0, json.path("class_in_s").asDouble(), "the last first cell, rehearsal-003's");
    }

    @Test
    void theClassIsInAtTheLastFirstCellCountedFromEachStudentsArrival() {
        StudentRun early = VerdictTest.through("rehearsal-001", 20);
        StudentRun late = new StudentRun(
                "rehearsal-002",
                Duration.ofSeconds(30),
                Map.of(Phase.FIRST_CELL, Duration.ofMillis(12_500)),
                null,
                null,
                0,
                0);
        StudentRun failed =
                new StudentRun("rehearsal-003", Duration.ofSeconds(40), Map.of(), Phase.SIGN_IN, "refused", 0, 0);
        assertEquals(Optional.of(Duration.ofMillis(42_500)), RehearsalReport.classIn(List.of(early, late, failed)));
        assertEquals(Optional.empty(), RehearsalReport.classIn(List.of(failed)));
    }
}
