package io.littlehub.agent.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.config.Layout;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a dead rehearsal left, as data: names and passwd in, the finding and its fixing commands out. */
class RehearsalLeftoversTest {
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/bash\n"
            + "jupyter-ada:x:1001:1001::/home/jupyter-ada:/bin/bash\n"
            + "jupyter-rehearsal-001:x:1002:1002::/home/jupyter-rehearsal-001:/bin/bash\n"
            + "jupyter-rehearsal-007:x:1003:1003::/home/jupyter-rehearsal-007:/bin/bash\n";

    @Test
    void aCleanHubIsOk() {
        Finding f = RehearsalLeftovers.of(List.of("ada", "teacher"), "jupyter-ada:x:1001:1001::/home:/bin/sh\n")
                .finding();
        assertTrue(f.ok(), f.toString());
        assertEquals("rehearsal", f.check());
    }

    @Test
    void namesOnTheHubAndUnixUsersAloneAreRemovedBySeparateCommands() {
        RehearsalLeftovers left =
                RehearsalLeftovers.of(List.of("ada", "rehearsal-001", "rehearsal-002", "rehearsal-001"), PASSWD);
        assertEquals(Set.of("rehearsal-001", "rehearsal-002"), left.students());
        assertEquals(Set.of("jupyter-rehearsal-007"), left.unixUsersOnly());
        Finding f = left.finding();
        assertFalse(f.ok());
        assertEquals(
                "left by a rehearsal that did not finish: rehearsal-001, rehearsal-002, jupyter-rehearsal-007",
                f.detail());
        assertEquals(
                List.of(
                        List.of(
                                "java",
                                "-jar",
                                Layout.CURRENT_AGENT_JAR,
                                "remove-student",
                                "--delete-home",
                                "--",
                                "rehearsal-001",
                                "rehearsal-002"),
                        List.of("userdel", "--remove", "jupyter-rehearsal-007")),
                f.safeFix());
    }
}
