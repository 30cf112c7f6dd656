package io.littlehub.agent.userenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthTest {
    private static final String OLD =
            "jupyterlab 4.6.6 has requirement jupyter-server<3,>=2.4.0, but you have jupyter-server 1.24.0.";
    private static final String NEW = "nbgitpuller 1.3.0 requires tornado, which is not installed.";

    @Test
    void readsPipCheck() {
        assertEquals(Set.of(), Health.checkProblems(0, "No broken requirements found.\n", ""));
        assertEquals(Set.of(OLD, NEW), Health.checkProblems(1, OLD + "\n" + NEW + "\n", ""));
        assertEquals(
                Set.of("pip check did not run: No module named pip"),
                Health.checkProblems(
                        1,
                        "",
                        "Traceback…\n/opt/littlehub/user/bin/python: No module named pip\n"
                                .replace("/opt/littlehub/user/bin/python: ", "")));
    }

    @Test
    void aChangeMayNotAddPipCheckProblemsButOldOnesAreNotItsFault() {
        Health after = new Health(List.of(), Set.of(OLD));
        assertTrue(after.accepts(Set.of(OLD)));
        assertFalse(after.accepts(Set.of()));
        Health worse = new Health(List.of(), Set.of(OLD, NEW));
        assertEquals(List.of(NEW), worse.newProblemsSince(Set.of(OLD)));
        assertEquals("pip check: " + NEW, worse.describe(Set.of(OLD)));
        Health broken = new Health(List.of("jupyterlab: ModuleNotFoundError: No module named 'jupyterlab'"), Set.of());
        assertFalse(broken.accepts(Set.of()));
        assertEquals("import jupyterlab: ModuleNotFoundError: No module named 'jupyterlab'", broken.describe(Set.of()));
    }

    @Test
    void theRecordKeepsTheAcceptedProblemsAsCommentsPipSkips() {
        String text = Health.recordText(Freeze.parse("jupyterlab==4.6.6\n"), Set.of(OLD));
        assertEquals("jupyterlab==4.6.6\n# pip check: " + OLD + "\n", text);
        assertEquals(Set.of(OLD), Health.recordedProblems(text));
        assertEquals(Set.of("jupyterlab"), Freeze.parse(text).lines().keySet());
    }
}
