package io.littlehub.agent.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.common.machine.FakeMachine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** course status from the folders nbgrader keeps: source, outbound, inbound, submitted, autograded. */
class CourseStatusTest {
    private static final String COURSE = "/srv/nbgrader/courses/data101";
    private static final String EXCHANGE = "/srv/nbgrader/exchange/data101";

    @Test
    void countsHandInsCollectedAndUngradedPerAssignment() {
        FakeMachine vm = new FakeMachine()
                .directory(COURSE + "/source/ps1")
                .directory(COURSE + "/source/ps2")
                .directory(EXCHANGE + "/outbound/ps1")
                // ada handed in twice (one student), bob once; nobody handed in ps2.
                .directory(EXCHANGE + "/inbound/ada+ps1+2026-12-07 04:00:00.000000 UTC+AbC")
                .directory(EXCHANGE + "/inbound/ada+ps1+2026-12-07 04:05:00.000000 UTC+dEf")
                .directory(EXCHANGE + "/inbound/bob+ps1+2026-12-07 04:01:00.000000 UTC+gHi")
                .directory(COURSE + "/submitted/ada")
                .directory(COURSE + "/submitted/ada/ps1")
                .directory(COURSE + "/submitted/bob")
                .directory(COURSE + "/submitted/bob/ps1")
                .directory(COURSE + "/autograded/ada")
                .directory(COURSE + "/autograded/ada/ps1")
                .directory(COURSE + "/autograded/bob");
        List<CourseStatus.Assignment> status = CourseStatus.gather(vm, COURSE, EXCHANGE);
        assertEquals(
                List.of(
                        new CourseStatus.Assignment("ps1", true, 2, 2, 1, 1),
                        new CourseStatus.Assignment("ps2", false, 0, 0, 0, 0)),
                status);
        assertEquals(
                List.of(
                        "course data101: 2 assignments",
                        "  ASSIGNMENT           RELEASED  HANDED IN COLLECTED AUTOGRADED UNGRADED",
                        "  ps1                  yes               2         2          1        1",
                        "  ps2                  no                0         0          0        0"),
                CourseStatus.lines("data101", status));
    }

    @Test
    void aCourseNobodyStartedHasNoAssignments() {
        assertEquals(
                List.of("course data101: 0 assignments"),
                CourseStatus.lines("data101", CourseStatus.gather(new FakeMachine(), COURSE, EXCHANGE)));
    }
}
