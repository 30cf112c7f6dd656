package io.littlehub.agent.userenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequirementTest {
    private static final Set<String> KEPT = EnvChange.kept(EnvChange.userPins());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "numpy",
                "numpy==2.1",
                "numpy==2.1.*",
                "scipy>=1.11,<2",
                "scipy >= 1.11, < 2",
                "pandas[excel]",
                "pandas[excel,performance]==2.2.3",
                "zope.interface",
                "Jinja2~=3.1",
                "torch==2.5.1+cpu",
                "pkg===1.0",
                "pkg!=1.3",
                "a",
                "ruamel.yaml>0.17"
            })
    void acceptsRequirementsFromTheIndex(String typed) {
        assertEquals(typed, Requirement.parse(typed).text());
    }

    @Test
    void namesAreNormalizedForComparison() {
        assertEquals("ruamel-yaml", Requirement.parse("Ruamel.YAML>=0.17").name());
        assertEquals("jupyter-server", Requirement.parse("jupyter_server").name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-r", "--index-url=https://evil.example/simple", "-e.", "--pre", "-i"})
    void refusesPipOptions(String typed) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Requirement.parse(typed));
        assertTrue(e.getMessage().startsWith("\"" + typed + "\": pip options are not accepted"), e.getMessage());
        assertTrue(e.getMessage().contains("like numpy"), "says what to type instead: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.com/pkg.whl",
                "git+https://github.com/a/b",
                "./pkg",
                "../pkg.tar.gz",
                "/tmp/x.whl",
                "pkg/sub",
                "~/pkg",
                "C:\\pkg"
            })
    void refusesUrlsAndPaths(String typed) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Requirement.parse(typed));
        assertTrue(e.getMessage().contains("URLs and paths are not accepted"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pkg @ https://x",
                "pkg; python_version<'3.8'",
                "",
                "  ",
                "numpy==",
                "numpy 2.1",
                "[extra]",
                "numpy=2",
                "pkg$(id)",
                "a b",
                "numpy==1;rm"
            })
    void refusesWhatIsNotARequirement(String typed) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Requirement.parse(typed));
        assertTrue(e.getMessage().startsWith("\"" + typed + "\""), "names the argument: " + e.getMessage());
    }

    @Test
    void removeTakesNamesOnlyAndKeepsWhatTheHubNeeds() {
        assertEquals("requests", Requirement.parseRemovable("Requests", KEPT).name());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Requirement.parseRemovable("requests==2.0", KEPT))
                .getMessage()
                .contains("names only"));
        for (String needed : List.of("jupyterhub", "JupyterLab", "notebook", "ipykernel", "nbgitpuller", "pip")) {
            String message = assertThrows(
                            IllegalArgumentException.class, () -> Requirement.parseRemovable(needed, KEPT))
                    .getMessage();
            assertTrue(message.contains("the hub needs"), message);
        }
    }

    @Test
    void oneBadArgumentStopsTheWholeCommandAndEveryProblemIsReported() {
        List<String> problems = new ArrayList<>();
        assertEquals(List.of(), Requirement.parseAll(List.of("numpy", "--index-url=x", "./y"), KEPT, false, problems));
        assertEquals(2, problems.size(), problems.toString());
        problems.clear();
        assertEquals(
                List.of("numpy", "scipy"),
                Requirement.parseAll(List.of("numpy", "scipy", "numpy"), KEPT, false, problems).stream()
                        .map(Requirement::name)
                        .toList());
        assertTrue(problems.isEmpty());
        assertEquals(List.of(), Requirement.parseAll(List.of(), KEPT, true, problems));
        assertEquals(1, problems.size());
    }
}
