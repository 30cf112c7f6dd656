package io.littlehub.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.config.ConfigHistory;
import io.littlehub.agent.config.ConfigLock;
import io.littlehub.agent.config.ValidatedConfig;
import io.littlehub.agent.release.Releases;
import io.littlehub.agent.restart.HubActivity;
import io.littlehub.agent.restart.IdleWait;
import io.littlehub.agent.restart.RestartDecision;
import io.littlehub.agent.restart.RestartGate;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.ConfigEdit;
import io.littlehub.common.config.ConfigProblem;
import io.littlehub.common.machine.LocalMachine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock, the history, the rollback and check mode of a config change, with the playbook run replaced by a script. */
class ConfigApplyTest {
    private static final String ONE_G = "limits:\n  memory: 1G\n";
    private static final UnaryOperator<String> TWO_G = text -> ConfigEdit.set(text, "limits.memory", "2G");

    @TempDir
    Path dir;

    private Path file;
    private ConfigHistory history;
    /** What each converge was run with ("check " in front in check mode), and what the next ones answer. */
    private final List<String> converged = new ArrayList<>();

    private final Deque<Boolean> answers = new ArrayDeque<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** How often a config was completed with what only the VM knows: once per validation that got that far. */
    private int completed;

    private ConfigApply apply;

    @BeforeEach
    void setUp() {
        // LocalMachine.write gives the file to root, as on the VM.
        org.junit.jupiter.api.Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")), "skipped: writing the config as root:root needs root");
        file = dir.resolve("config.yaml");
        history = new ConfigHistory(dir.resolve("history"));
        apply = applier(Optional.of("agent A"));
    }

    /** An applier whose agent's code is {@code code} (for what it found good before: {@link ValidatedConfig}). */
    private ConfigApply applier(Optional<String> code) {
        return new ConfigApply(
                file,
                dir.resolve("config.lock"),
                history,
                (text, check) -> {
                    converged.add((check ? "check " : "") + text);
                    return answers.isEmpty() || answers.pop();
                },
                new Releases(dir.resolve("opt")),
                text -> {
                    completed++;
                    return text;
                },
                new ValidatedConfig(
                        new LocalMachine(), dir.resolve("validated-config").toString(), code),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private List<String> summaries() {
        return history.list().stream().map(ConfigHistory.Entry::summary).toList();
    }

    @Test
    void aFirstConfigIsWrittenConvergedAndRecorded() throws Exception {
        assertEquals(
                ExitCodes.OK,
                apply.apply(
                        text -> RunCommand.withAdmins(text, List.of("teacher")),
                        "t@laptop",
                        "provision --admin teacher",
                        0));
        String expected = "users:\n  admin:\n  - teacher\n";
        assertEquals(expected, Files.readString(file));
        assertEquals(List.of(expected), converged);
        assertEquals(List.of("provision --admin teacher"), summaries(), "no empty 'before' entry: there was no config");
        assertEquals("t@laptop", history.list().get(0).who());
    }

    @Test
    void anotherReleasesAgentChangesNothing() throws Exception {
        Releases releases = new Releases(dir.resolve("opt"));
        Files.createDirectories(releases.dir("0.0.1"));
        releases.makeCurrent("0.0.1");
        assertEquals(ExitCodes.UNSUPPORTED, apply.apply(text -> ONE_G, "t@laptop", "provision", 0));
        assertEquals(ExitCodes.UNSUPPORTED, apply.plan(text -> ONE_G));
        assertTrue(err().contains("this hub runs littlehub 0.0.1") && err().contains("`littlehub upgrade`"), err());
        assertFalse(Files.exists(file));
        assertEquals(List.of(), converged);
    }

    @Test
    void anUnchangedConfigIsConvergedAgainAndNotRecordedTwice() throws Exception {
        assertEquals(ExitCodes.OK, apply.apply(text -> ONE_G, "t@laptop", "provision", 0));
        assertEquals(ExitCodes.OK, apply.apply(UnaryOperator.identity(), "t@laptop", "provision", 0));
        assertEquals(List.of(ONE_G, ONE_G), converged, "a re-run converges (repairs drift)");
        assertEquals(List.of("provision"), summaries());
        answers.push(false);
        assertEquals(ExitCodes.FAILED, apply.apply(UnaryOperator.identity(), "t@laptop", "provision", 0));
        assertEquals(3, converged.size(), "nothing to roll back to when the config did not change");
        assertFalse(err().contains("rolled back"), err());
    }

    @Test
    void anUnchangedConfigThisAgentFoundGoodIsNotValidatedAgain() throws Exception {
        assertEquals(ExitCodes.OK, apply.apply(text -> ONE_G, "t@laptop", "provision", 0));
        assertEquals(1, completed);
        assertEquals(ExitCodes.OK, apply.apply(UnaryOperator.identity(), "t@laptop", "provision", 0));
        assertEquals(List.of(ONE_G, ONE_G), converged, "still converged: that repairs drift");
        assertEquals(1, completed, "the same text and agent: not validated again");
        assertEquals(
                ExitCodes.OK, applier(Optional.of("agent B")).apply(UnaryOperator.identity(), "t", "provision", 0));
        assertEquals(2, completed, "another agent's rules: validated");
        assertEquals(ExitCodes.OK, applier(Optional.empty()).apply(UnaryOperator.identity(), "t", "provision", 0));
        assertEquals(3, completed, "an agent without a jar keeps nothing and validates each time");
    }

    @Test
    void aConfigEditedByHandIntoABadOneIsStillRefused() throws Exception {
        assertEquals(ExitCodes.OK, apply.apply(text -> ONE_G, "t@laptop", "provision", 0));
        Files.writeString(file, "limits:\n  memory: lots\n");
        assertEquals(ExitCodes.INVALID_CONFIG, apply.apply(UnaryOperator.identity(), "t@laptop", "provision", 0));
        assertEquals(List.of(ONE_G), converged, "the bad config was not converged");
        assertTrue(err().contains("limits.memory"), err());
    }

    @Test
    void aPlanValidatesEveryTimeAndKeepsNothing() throws Exception {
        Files.writeString(file, ONE_G);
        assertEquals(ExitCodes.OK, apply.plan(UnaryOperator.identity()));
        assertEquals(ExitCodes.OK, apply.plan(UnaryOperator.identity()));
        assertFalse(Files.exists(dir.resolve("validated-config")));
        assertEquals(ExitCodes.OK, apply.apply(UnaryOperator.identity(), "t@laptop", "provision", 0));
        assertEquals(ExitCodes.OK, apply.plan(UnaryOperator.identity()));
        assertEquals(4, completed, "a plan validates even a config found good (the archive's training run is one)");
    }

    @Test
    void aFailedConvergePutsThePreviousConfigBack() throws Exception {
        Files.writeString(file, ONE_G);
        answers.addAll(List.of(false, true));
        assertEquals(ExitCodes.FAILED, apply.apply(TWO_G, "t@laptop", "set limits.memory 2G", 0));
        assertEquals(ONE_G, Files.readString(file));
        assertEquals(List.of("limits:\n  memory: 2G\n", ONE_G), converged);
        assertTrue(err().contains("rolled back") && err().contains("the hub is serving"), err());
        assertEquals(
                List.of("the config before the first change"), summaries(), "the failed change is not in the history");
    }

    @Test
    void aFailedFirstConfigIsTakenAwayAgain() throws Exception {
        answers.push(false);
        assertEquals(ExitCodes.FAILED, apply.apply(TWO_G, "t@laptop", "provision", 0));
        assertFalse(Files.exists(file));
        assertEquals(1, converged.size(), "no second run: there was no hub config to go back to");
        assertEquals(List.of(), summaries());
        assertTrue(err().contains("not applied"), err());
    }

    /** A change whose process was killed: its holder line stays in the free lock file. */
    private void interruptedChange(String line) throws Exception {
        Files.writeString(dir.resolve("config.lock"), line + "\n");
    }

    @Test
    void anInterruptedChangeThatWroteItsConfigIsFinished() throws Exception {
        assertEquals(ExitCodes.OK, apply.apply(text -> ONE_G, "t@laptop", "provision", 0));
        // It wrote 2G (by rename: the whole file) and was killed before its converge and its history entry.
        Files.writeString(file, "limits:\n  memory: 2G\n");
        interruptedChange("set limits.memory 2G by alice@laptop (pid 4242) since 2026-12-07T03:00:00Z");
        assertEquals(ExitCodes.OK, apply.apply(UnaryOperator.identity(), "bob@laptop", "provision", 0));
        assertEquals(List.of(ONE_G, "limits:\n  memory: 2G\n"), converged, "converged with the finished config");
        assertEquals(List.of("provision", "set limits.memory 2G (finished after an interruption)"), summaries());
        assertEquals("alice@laptop", history.list().get(1).who());
        assertTrue(
                err().contains("an earlier change was interrupted before it finished: set limits.memory 2G by"
                                + " alice@laptop (pid 4242)")
                        && err().contains("finishing `set limits.memory 2G`"),
                err());
        assertEquals("", Files.readString(dir.resolve("config.lock")), "the next taker is told nothing");
    }

    @Test
    void anInterruptedChangeThatHadNotWrittenLeavesNothingToUndo() throws Exception {
        assertEquals(ExitCodes.OK, apply.apply(text -> ONE_G, "t@laptop", "provision", 0));
        interruptedChange("set limits.memory 2G by alice@laptop (pid 4242) since 2026-12-07T03:00:00Z");
        assertEquals(ExitCodes.OK, apply.apply(TWO_G, "bob@laptop", "set limits.memory 2G", 0));
        assertEquals(List.of("provision", "set limits.memory 2G"), summaries());
        assertEquals("bob@laptop", history.list().get(1).who());
        assertTrue(err().contains("nothing of `set limits.memory 2G` to undo"), err());
    }

    @Test
    void aConfigWithProblemsChangesNothing() throws Exception {
        Files.writeString(file, ONE_G);
        assertEquals(
                ExitCodes.INVALID_CONFIG, apply.apply(text -> "limits:\n  memroy: 2G\n", "t@laptop", "provision", 0));
        assertEquals(ONE_G, Files.readString(file));
        assertEquals(List.of(), converged);
        assertEquals(
                List.of(
                        "line 2: limits.memroy: unknown key; did you mean limits.memory?",
                        ConfigProblem.nothingChanged(1)),
                err().lines().toList());
        assertEquals(ExitCodes.INVALID_CONFIG, apply.plan(text -> "limits:\n  memroy: 2G\n"));
        assertEquals(List.of(), converged);
    }

    @Test
    void aHeldLockChangesNothing() throws Exception {
        try (ConfigLock held = ConfigLock.acquire(dir.resolve("config.lock"), "alice@laptop", 0, s -> {})
                .orElseThrow()) {
            assertEquals(ExitCodes.LOCKED, apply.apply(TWO_G, "bob@laptop", "provision", 0));
        }
        assertFalse(Files.exists(file));
        assertEquals(List.of(), converged);
        assertTrue(err().contains("the hub is busy with alice@laptop (pid "), err());
    }

    @Test
    void checkModePlansWithTheNewConfigAndWritesNothing() throws Exception {
        Files.writeString(file, ONE_G);
        assertEquals(ExitCodes.OK, apply.plan(TWO_G));
        assertEquals(List.of("check limits:\n  memory: 2G\n"), converged);
        assertEquals(ONE_G, Files.readString(file));
        assertEquals(List.of(), summaries());
    }

    /** A gate that asks (--ask) while ada is active; the check runs it made. */
    private RestartGate askingGate(List<String> checks) {
        return new RestartGate(
                RestartDecision.Policy.ASK,
                java.time.Duration.ofMinutes(10),
                java.time.Duration.ofMinutes(1),
                () -> new HubActivity(List.of("ada"), List.of("ada")),
                text -> {
                    checks.add(text);
                    return text.contains("2G") ? java.util.Set.of("jupyterhub") : java.util.Set.of();
                },
                IdleWait.Clock.SYSTEM,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aRestartThatWouldDisturbPeopleIsLookedAtBeforeTheLockAndChangesNothing() throws Exception {
        Files.writeString(file, ONE_G);
        List<String> checks = new ArrayList<>();
        assertEquals(
                ExitCodes.PEOPLE_ACTIVE, apply.apply(TWO_G, "t@laptop", "set limits.memory 2G", 0, askingGate(checks)));
        assertEquals(ONE_G, Files.readString(file), "nothing changed");
        assertEquals(List.of("limits:\n  memory: 2G\n"), checks, "the check run saw the new config");
        assertEquals(List.of(), converged);
        assertEquals(List.of(), summaries());
        assertFalse(Files.exists(dir.resolve("config.lock")), "the lock was never taken");

        UnaryOperator<String> cpu = text -> ConfigEdit.set(text, "limits.cpu", "2");
        assertEquals(ExitCodes.OK, apply.apply(cpu, "t@laptop", "set limits.cpu 2", 0, askingGate(checks)));
        assertEquals(List.of("limits:\n  memory: 1G\n  cpu: 2\n"), converged, "no restart: applied at once");
        assertEquals(ExitCodes.OK, apply.apply(cpu, "t@laptop", "set limits.cpu 2", 0, askingGate(checks)));
        assertEquals(2, checks.size(), "an unchanged config is not looked at");
    }
}
