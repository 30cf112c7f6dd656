package io.littlehub.cli.remote;

import static io.littlehub.cli.remote.Argv.HUB_AGENT;
import static io.littlehub.cli.remote.Argv.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HubCheckCommandsTest {
    private static final AgentOptions JSON = new AgentOptions(true, null, null);

    @Test
    void status() {
        assertEquals(of(HUB_AGENT, "status", "--json"), HubCheckCommands.status(JSON));
        assertEquals(of(HUB_AGENT, "status"), HubCheckCommands.status(AgentOptions.NONE));
    }

    @Test
    void doctorGetsTheLaptopsClockAndRelease() {
        assertEquals(
                of(HUB_AGENT, "doctor", "--json", "--laptop-time", "1765000000", "--laptop-version", "0.6.0", "--fix"),
                HubCheckCommands.doctor(1_765_000_000L, "0.6.0", true, JSON));
        assertEquals(
                of(HUB_AGENT, "doctor", "--laptop-time", "1765000000", "--laptop-version", "0.6.0"),
                HubCheckCommands.doctor(1_765_000_000L, "0.6.0", false, AgentOptions.NONE));
    }
}
