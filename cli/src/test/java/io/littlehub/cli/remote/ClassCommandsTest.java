package io.littlehub.cli.remote;

import static io.littlehub.cli.remote.Argv.HUB_AGENT;
import static io.littlehub.cli.remote.Argv.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassCommandsTest {
    @Test
    void warmNowSaysWhenClassStartsAndHowLongTheGraceIs() {
        assertEquals(
                of(HUB_AGENT, "class-warm", "--json", "--now", "--minutes-before", "10", "--grace", "20"),
                ClassCommands.warmNow(10, 20, new AgentOptions(true, null, null)));
        assertEquals(
                of(HUB_AGENT, "class-warm", "--now", "--minutes-before", "0", "--grace", "5"),
                ClassCommands.warmNow(0, 5, AgentOptions.NONE));
    }

    @Test
    void aRehearsalIsWarmedWithoutGrace() {
        assertEquals(
                of(HUB_AGENT, "class-warm", "--now", "--minutes-before", "0", "--grace", "0", "--rehearsal"),
                ClassCommands.warmRehearsal(AgentOptions.NONE));
    }
}
