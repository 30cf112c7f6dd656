package io.littlehub.cli.remote;

import static io.littlehub.cli.remote.Argv.HUB_AGENT;
import static io.littlehub.cli.remote.Argv.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CourseCommandsTest {
    @Test
    void statusTakesJsonAndGradesAreAlwaysCsv() {
        assertEquals(of(HUB_AGENT, "course", "status"), CourseCommands.status(AgentOptions.NONE));
        assertEquals(
                of(HUB_AGENT, "course", "status", "--json"), CourseCommands.status(new AgentOptions(true, null, null)));
        assertEquals(of(HUB_AGENT, "course", "grades"), CourseCommands.grades(new AgentOptions(true, null, null)));
    }
}
