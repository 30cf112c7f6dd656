package io.littlehub.cli.hubconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.common.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The teacher's options in, the agent's options out; when the laptop asks. */
class RestartChoiceTest {
    @Test
    void onATerminalWithoutAChoiceTheAgentStopsSoTheTeacherIsAsked() {
        assertEquals(List.of("--ask"), RestartChoice.NONE.agentOptions(true));
        assertEquals(List.of(), RestartChoice.NONE.agentOptions(false), "a script: the agent says so and applies");
        assertTrue(RestartChoice.NONE.stoppedToAsk(ExitCodes.PEOPLE_ACTIVE, true));
        assertFalse(RestartChoice.NONE.stoppedToAsk(ExitCodes.PEOPLE_ACTIVE, false));
        assertFalse(RestartChoice.NONE.stoppedToAsk(ExitCodes.LOCKED, true));
    }

    /** The agent's options of each run, and the exit codes the scripted agent answers them with. */
    private final List<List<String>> runs = new ArrayList<>();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(RestartChoice choice, ScriptedPrompter teacher, boolean json, Integer... exits) {
        ConfigContext ctx = new ConfigContext(
                null, null, System.out, new PrintStream(err, true, StandardCharsets.UTF_8), teacher, Map.of());
        int[] call = {0};
        return choice.run(ctx, json, options -> {
            runs.add(options);
            return exits[call[0]++];
        });
    }

    @Test
    void aTeacherWhoSaysYesGetsTheChangeRunAgainWithYes() {
        ScriptedPrompter teacher = new ScriptedPrompter().yes(true);
        assertEquals(ExitCodes.OK, run(RestartChoice.NONE, teacher, false, ExitCodes.PEOPLE_ACTIVE, ExitCodes.OK));
        assertEquals(List.of(List.of("--ask"), List.of("--yes")), runs);
        assertEquals(List.of("Restart the hub now?"), teacher.asked);
    }

    @Test
    void aTeacherWhoSaysNoChangesNothing() {
        ScriptedPrompter teacher = new ScriptedPrompter().yes(false);
        assertEquals(ExitCodes.PEOPLE_ACTIVE, run(RestartChoice.NONE, teacher, false, ExitCodes.PEOPLE_ACTIVE));
        assertEquals(List.of(List.of("--ask")), runs);
        assertEquals("nothing changed\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nobodyIsAskedWithoutATerminalWithJsonOrWhenTheAgentDidNotStopToAsk() {
        assertEquals(ExitCodes.OK, run(RestartChoice.NONE, ScriptedPrompter.nobody(), false, ExitCodes.OK));
        assertEquals(ExitCodes.OK, run(RestartChoice.NONE, new ScriptedPrompter(), true, ExitCodes.OK));
        RestartChoice idle = new RestartChoice(false, true, null, 60);
        assertEquals(ExitCodes.PEOPLE_ACTIVE, run(idle, new ScriptedPrompter(), false, ExitCodes.PEOPLE_ACTIVE));
        assertEquals(ExitCodes.OK, run(RestartChoice.NONE, new ScriptedPrompter(), false, ExitCodes.OK));
        assertEquals(
                List.of(List.of(), List.of(), List.of("--when-idle", "--idle-timeout", "60"), List.of("--ask")), runs);
    }

    @Test
    void yesAndWhenIdleAreTheTeachersAnswerBeforehand() {
        RestartChoice yes = new RestartChoice(true, false, null, null);
        assertEquals(List.of("--yes"), yes.agentOptions(true));
        RestartChoice idle = new RestartChoice(false, true, 5, 600);
        assertEquals(List.of("--when-idle", "--idle-minutes", "5", "--idle-timeout", "600"), idle.agentOptions(true));
        assertEquals(List.of("--when-idle"), new RestartChoice(false, true, null, null).agentOptions(false));
        assertFalse(idle.stoppedToAsk(ExitCodes.PEOPLE_ACTIVE, true), "a --when-idle that gave up is not asked about");
        assertFalse(yes.stoppedToAsk(ExitCodes.PEOPLE_ACTIVE, true));
    }

    @Test
    void contradictionsAreRefusedBeforeAnythingConnects() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RestartChoice(true, true, null, null))
                .getMessage()
                .contains("contradict each other: give one"));
        assertEquals(
                "--idle-minutes and --idle-timeout go with --when-idle",
                assertThrows(IllegalArgumentException.class, () -> new RestartChoice(false, false, 5, null))
                        .getMessage());
    }
}
