package io.littlehub.agent.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.config.ConfigLock;
import io.littlehub.agent.ops.RestartedHub;
import io.littlehub.agent.restart.FakeClock;
import io.littlehub.agent.restart.HubActivity;
import io.littlehub.agent.restart.RestartDecision.Policy;
import io.littlehub.agent.restart.RestartGate;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.Layout;
import io.littlehub.common.events.Event;
import io.littlehub.common.machine.FakeMachine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upgrade} and {@code rollback} as data: the VM's answers and the new release's provision outcome in, the exact
 * programs, the {@code current} link, the events and the exit code out. The provision playbook is replaced by what it
 * does to the links (it switches {@code current} when it gets that far).
 */
class ReleaseChangeTest {
    private static final String SELF = BuildInfo.version();
    private static final String FROM =
            SemVer.parse(SELF).major() + "." + (SemVer.parse(SELF).minor() - 1) + ".0";
    private static final String DB = Layout.HUB_DB;
    private static final List<String> STOP_HUB = List.of("systemctl", "stop", "jupyterhub.service");
    private static final List<String> RESTART_HUB = List.of("systemctl", "restart", "jupyterhub.service");
    private static final String HEALTH = "http://127.0.0.1:80/hub/health";
    private static final List<String> SHOW = RestartedHub.SHOW;

    @TempDir
    Path dir;

    private Releases releases;
    private final FakeMachine vm =
            new FakeMachine().file(Layout.CONFIG_FILE, "http: {port: 80}\n").file(DB, "live");
    private final List<Event> events = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** The hub after the rollback's restart: it answers at once unless a test says otherwise. */
    private final RestartedHub hub = new RestartedHub();

    private ReleaseChange.Provision provision;
    /** Where the upgrade copied the hub state, as the new release recorded it before its playbook ran. */
    private Path backup;

    /** FROM runs (with its kept agent, and a release before it still installed); SELF's folder holds its agent. */
    @BeforeEach
    void installed() throws IOException {
        releases = new Releases(dir.resolve("opt"));
        for (String v : List.of("0.1.0", FROM, SELF)) {
            Files.createDirectories(releases.dir(v));
            Files.writeString(releases.dir(v).resolve("littlehub-agent.jar"), "agent " + v);
        }
        releases.makeCurrent(FROM);
        // sqlite3's online backup writes the copy it is asked for.
        vm.answer(List.of("sqlite3", "-bail"), argv -> {
            String dot = argv.get(argv.size() - 1);
            vm.file(dot.substring(".backup '".length(), dot.length() - 1), "copy");
            return FakeMachine.OK;
        });
    }

    /** Who the hub says is active, look after look (the last one stays; none: nobody); the teacher's choice. */
    private final Deque<Supplier<HubActivity>> looks = new ArrayDeque<>();

    private Policy policy = Policy.SAY_AND_APPLY;
    private final FakeClock clock = new FakeClock();

    private RestartGate gate(String runningConfig) {
        return new RestartGate(
                policy,
                Duration.ofMinutes(10),
                Duration.ofMinutes(1),
                () -> looks.isEmpty() ? HubActivity.NOBODY : (looks.size() > 1 ? looks.pop() : looks.peek()).get(),
                RestartGate.RESTARTS_THE_HUB,
                clock,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static final HubActivity ADA = new HubActivity(List.of("ada"), List.of("ada"));

    /** What the hub's looks answer, in order; the last one again after that. */
    @SafeVarargs
    private void looks(Supplier<HubActivity>... inOrder) {
        looks.clear();
        looks.addAll(List.of(inOrder));
    }

    private ReleaseChange change() {
        ReleaseChange.Provision recorded = (config, progress) -> {
            backup = releases.backupOfUpgrade(SELF, FROM).orElseThrow();
            return provision.run(config, progress);
        };
        return new ReleaseChange(
                vm,
                releases,
                new HubStateBackup(vm, dir.resolve("upgrades")),
                recorded,
                dir.resolve("config.lock"),
                hub.world(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int upgrade() throws Exception {
        return change().upgrade(null, "teacher", 0, this::gate, events::add);
    }

    /** The playbook of the new release: it switches {@code current}, then the hub comes up healthy or not. */
    private void provisionSwitchesAnd(boolean healthy) {
        provision = (config, progress) -> {
            releases.makeCurrent(SELF);
            return healthy;
        };
    }

    private List<String> steps() {
        return events.stream()
                .filter(e -> e instanceof Event.TaskResult)
                .map(e -> (Event.TaskResult) e)
                .map(t -> t.status().wire() + ": " + t.name())
                .toList();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path backup() {
        return backup;
    }

    private List<String> copyDb() {
        return List.of(
                "sqlite3", "-bail", DB, ".timeout 10000", ".backup '" + backup().resolve("jupyterhub.sqlite") + "'");
    }

    private List<String> revision(Object db) {
        return List.of("sqlite3", "-readonly", db.toString(), "SELECT version_num FROM alembic_version");
    }

    private static List<String> converge(Path release) {
        return List.of(
                "env",
                "LC_ALL=C.UTF-8",
                "java",
                "-jar",
                release.resolve("littlehub-agent.jar").toString(),
                "run",
                "provision",
                "--who",
                "teacher");
    }

    @Test
    void anUpgradeCopiesTheStateSwitchesAndKeepsOnlyTheReleaseToReturnTo() throws Exception {
        provisionSwitchesAnd(true);
        assertEquals(ExitCodes.OK, upgrade());
        vm.assertRan(copyDb());
        assertEquals(
                List.of(
                        "mkdir " + dir.resolve("upgrades") + " root:root 700",
                        "mkdir " + backup() + " root:root 700",
                        "run " + String.join(" ", copyDb()),
                        "write " + backup().resolve("config.yaml") + " root:root 644"),
                vm.log());
        assertEquals(Optional.of(SELF), releases.current());
        assertEquals(Optional.of(FROM), releases.previous());
        assertFalse(Files.exists(releases.dir("0.1.0")), "the release before the previous one is removed");
        assertTrue(backup().startsWith(dir.resolve("upgrades"))
                && backup().getFileName().toString().endsWith("-" + FROM + "-to-" + SELF));
        assertEquals(
                List.of(
                        "changed: Copy the hub state (database, config)",
                        "changed: Install littlehub " + SELF + " beside " + FROM + ", switch to it, check the hub"),
                steps());
    }

    @Test
    void aHubThatDoesNotComeUpAfterTheSwitchGoesBackAndGetsItsDatabaseBackWhenItWasMigrated() throws Exception {
        provisionSwitchesAnd(false);
        vm.answer(revision(DB), FakeMachine.ok("4621fec11365\n"));
        vm.answer(List.of("sqlite3", "-readonly"), FakeMachine.ok("3c2211c5b3f4\n"));
        assertEquals(ExitCodes.FAILED, upgrade());
        String copy = backup().resolve("jupyterhub.sqlite").toString();
        vm.assertRan(
                copyDb(),
                STOP_HUB,
                revision(copy),
                revision(DB),
                List.of("cp", "-T", "--", copy, DB + ".rollback"),
                List.of("mv", "-T", "--", DB + ".rollback", DB),
                List.of("rm", "-f", "--", DB + "-journal"),
                converge(releases.dir(FROM)),
                RESTART_HUB,
                SHOW);
        assertEquals(List.of(HEALTH), hub.asked);
        assertEquals(Optional.of(FROM), releases.current());
        assertFalse(Files.exists(releases.dir(SELF)), "the failed release is removed");
        assertEquals(
                List.of(
                        "changed: Copy the hub state (database, config)",
                        "failed: Install littlehub " + SELF + " beside " + FROM + ", switch to it, check the hub",
                        "changed: Roll back to littlehub " + FROM),
                steps());
        assertTrue(err().contains("rolled back: the hub runs littlehub " + FROM + " and answers"), err());
    }

    @Test
    void theLiveDatabaseStaysWhenItsSchemaDidNotMove() throws Exception {
        provisionSwitchesAnd(false);
        vm.answer(List.of("sqlite3", "-readonly"), FakeMachine.ok("4621fec11365\n"));
        assertEquals(ExitCodes.FAILED, upgrade());
        String copy = backup().resolve("jupyterhub.sqlite").toString();
        vm.assertRan(copyDb(), STOP_HUB, revision(copy), revision(DB), converge(releases.dir(FROM)), RESTART_HUB, SHOW);
    }

    @Test
    void aProvisionThatFailsBeforeTheSwitchOnlyConvergesTheOldRelease() throws Exception {
        provision = (config, progress) -> false;
        assertEquals(ExitCodes.FAILED, upgrade());
        vm.assertRan(copyDb(), converge(releases.dir(FROM)), SHOW);
        assertEquals(Optional.of(FROM), releases.current());
        assertEquals(Optional.empty(), releases.previous());
    }

    @Test
    void aProvisionThatBreaksOffAfterTheSwitchIsRolledBackToo() throws Exception {
        provision = (config, progress) -> {
            releases.makeCurrent(SELF);
            throw new IOException("playbook provision: no such template");
        };
        assertEquals(ExitCodes.FAILED, upgrade());
        vm.assertRanInOrder(copyDb(), STOP_HUB, converge(releases.dir(FROM)), RESTART_HUB);
        assertEquals(Optional.of(FROM), releases.current());
        assertTrue(
                events.stream()
                        .anyMatch(e -> e instanceof Event.TaskResult t
                                && t.error() != null
                                && t.error().contains("broke off: playbook provision: no such template")),
                events.toString());
    }

    @Test
    void aRollbackThatDoesNotBringTheHubBackKeepsTheNewReleaseAndSaysSo() throws Exception {
        provisionSwitchesAnd(false);
        hub.silent().units(vm, RestartedHub.crashesAt(3));
        assertEquals(ExitCodes.FAILED, upgrade());
        assertEquals(3, hub.seconds(), "a hub systemd restarts is not waited for");
        assertEquals("failed: Roll back to littlehub " + FROM, steps().get(2));
        assertTrue(
                events.stream()
                        .anyMatch(e -> e instanceof Event.Progress p
                                && p.line()
                                        .equals(HEALTH + " answered nothing (expected 200): after 3 s its service"
                                                + " stopped running its process (jupyterhub.service active (running)),"
                                                + " so it failed to start: see `journalctl -u jupyterhub -u"
                                                + " littlehub-proxy` on the VM (or `littlehub logs`)")),
                events.toString());
        assertTrue(Files.exists(releases.dir(SELF)), "nothing is removed while the hub is down");
        assertTrue(err().contains("the rollback to " + FROM + " did not bring the hub back"), err());
    }

    @Test
    void aHubThatIsSlowAfterTheRollbackIsWaitedForWhileItsUnitsRun() throws Exception {
        provisionSwitchesAnd(true);
        upgrade();
        hub.answers(200, 150).units(vm, RestartedHub.RUNNING);
        assertEquals(ExitCodes.OK, change().rollback("teacher", 0, this::gate, events::add));
        assertEquals(150, hub.seconds(), "past the 120 s a rollback used to give the hub");
        assertEquals(Optional.of(FROM), releases.current());
    }

    @Test
    void anOldAgentThatFailsToConvergeIsAFailedRollbackEvenIfTheHubAnswers() throws Exception {
        provisionSwitchesAnd(false);
        vm.answer(converge(releases.dir(FROM)), FakeMachine.fails(1, "task failed"));
        assertEquals(ExitCodes.FAILED, upgrade());
        assertEquals("failed: Roll back to littlehub " + FROM, steps().get(2));
    }

    @Test
    void aStateThatCannotBeCopiedStopsTheUpgradeBeforeAnythingChanges() throws Exception {
        provisionSwitchesAnd(true);
        vm.answer(List.of("sqlite3", "-bail"), FakeMachine.fails(1, "Error: database is locked"));
        assertEquals(ExitCodes.FAILED, upgrade());
        assertEquals(List.of("failed: Copy the hub state (database, config)"), steps());
        vm.assertNeverRan(STOP_HUB);
        assertEquals(Optional.of(FROM), releases.current());
        assertTrue(Files.exists(releases.dir(SELF)) && Files.exists(releases.dir("0.1.0")));
    }

    /** An upgrade whose agent was killed after its playbook switched {@code current}: no {@code previous} yet. */
    private void upgradeInterruptedAfterTheSwitch() {
        releases.recordUpgrade(SELF, FROM, dir.resolve("upgrades").resolve("copy"));
        releases.makeCurrent(SELF);
    }

    @Test
    void anUpgradeInterruptedAfterTheSwitchIsFinishedByTheNextUpgrade() throws Exception {
        upgradeInterruptedAfterTheSwitch();
        provisionSwitchesAnd(true);
        assertEquals(ExitCodes.OK, upgrade());
        assertEquals(Optional.of(SELF), releases.current());
        assertEquals(Optional.of(FROM), releases.previous());
        assertFalse(Files.exists(releases.dir("0.1.0")), "the release before the previous one is removed");
        assertEquals(List.of("changed: Finish the interrupted upgrade from littlehub " + FROM), steps());
        vm.assertRan();
        assertEquals(
                Optional.empty(), releases.unfinishedUpgradeFrom(SELF), "finished: a next upgrade has nothing to do");
        assertEquals(ExitCodes.OK, upgrade(), "already there");
    }

    @Test
    void anInterruptedUpgradeThatCannotBeFinishedIsUndone() throws Exception {
        upgradeInterruptedAfterTheSwitch();
        provisionSwitchesAnd(false);
        assertEquals(ExitCodes.FAILED, upgrade());
        assertEquals(Optional.of(FROM), releases.current());
        assertFalse(Files.exists(releases.dir(SELF)), "the release that did not come up is removed");
        vm.assertRanInOrder(STOP_HUB, converge(releases.dir(FROM)), RESTART_HUB);
        assertEquals(
                List.of(
                        "failed: Finish the interrupted upgrade from littlehub " + FROM,
                        "changed: Roll back to littlehub " + FROM),
                steps());
        assertTrue(err().contains("undone: the hub runs littlehub " + FROM), err());
    }

    @Test
    void refusalsChangeNothing() throws Exception {
        provisionSwitchesAnd(true);
        assertEquals(ExitCodes.USAGE, change().upgrade("9.9.9", "teacher", 0, this::gate, events::add));
        vm.file(Layout.CONFIG_FILE, "http: {port: eighty}\n");
        assertEquals(ExitCodes.INVALID_CONFIG, upgrade());
        vm.file(Layout.CONFIG_FILE, "http: {port: 80}\n");
        try (ConfigLock held = ConfigLock.acquire(dir.resolve("config.lock"), "a config edit", 0, line -> {})
                .orElseThrow()) {
            assertEquals(ExitCodes.LOCKED, upgrade());
        }
        releases.makeCurrent(SELF);
        assertEquals(ExitCodes.OK, upgrade(), "already there");
        vm.assertRan();
        assertEquals(List.of(), events);
    }

    @Test
    void aRollbackOnDemandReturnsToThePreviousReleaseWithTheDatabaseOfBeforeTheUpgrade() throws Exception {
        provisionSwitchesAnd(true);
        upgrade();
        vm.forget();
        vm.answer(revision(DB), FakeMachine.ok("4621fec11365\n"));
        vm.answer(List.of("sqlite3", "-readonly"), FakeMachine.ok("3c2211c5b3f4\n"));
        assertEquals(ExitCodes.OK, change().rollback("teacher", 0, this::gate, events::add));
        String copy = backup().resolve("jupyterhub.sqlite").toString();
        vm.assertRan(
                STOP_HUB,
                revision(copy),
                revision(DB),
                List.of("cp", "-T", "--", copy, DB + ".rollback"),
                List.of("mv", "-T", "--", DB + ".rollback", DB),
                List.of("rm", "-f", "--", DB + "-journal"),
                converge(releases.dir(FROM)),
                RESTART_HUB,
                SHOW);
        assertEquals(Optional.of(FROM), releases.current());
        assertEquals(Optional.empty(), releases.previous());
        assertTrue(Files.exists(releases.dir(SELF)), "the newer release stays until the next upgrade");

        vm.forget();
        assertEquals(
                ExitCodes.USAGE, change().rollback("teacher", 0, this::gate, events::add), "no release to return to");
        vm.assertRan();
    }

    private static final String NOTICE = "this change restarts jupyterhub: the hub is away for a few seconds and pages"
            + " loaded meanwhile fail (503); 1 person active in the last 10 min (ada), 1 server running";

    @Test
    void whileSomeoneIsActiveAScriptIsToldAndTheUpgradeGoesOn() throws Exception {
        provisionSwitchesAnd(true);
        looks(() -> ADA);
        assertEquals(ExitCodes.OK, upgrade());
        assertTrue(err().contains(NOTICE) && err().contains("applying now"), err());
        assertEquals(Optional.of(SELF), releases.current());
    }

    @Test
    void whileSomeoneIsActiveAnUpgradeOrRollbackThatStopsToAskOrGivesUpChangesNothing() throws Exception {
        provisionSwitchesAnd(true);
        looks(() -> ADA);
        policy = Policy.ASK;
        assertEquals(ExitCodes.PEOPLE_ACTIVE, upgrade());
        policy = Policy.WHEN_IDLE;
        assertEquals(ExitCodes.PEOPLE_ACTIVE, upgrade());
        assertEquals(Duration.ofMinutes(1), clock.slept.stream().reduce(Duration.ZERO, Duration::plus));
        assertTrue(err().contains(NOTICE) && err().contains("still active after 60 s: nothing changed"), err());
        vm.assertRan();
        assertEquals(List.of(), events);
        assertEquals(Optional.of(FROM), releases.current());
        assertEquals(Optional.empty(), releases.unfinishedUpgradeFrom(SELF), "nothing recorded");

        policy = Policy.SAY_AND_APPLY;
        looks(() -> HubActivity.NOBODY);
        assertEquals(ExitCodes.OK, upgrade());
        vm.forget();
        looks(() -> ADA);
        policy = Policy.ASK;
        assertEquals(ExitCodes.PEOPLE_ACTIVE, change().rollback("teacher", 0, this::gate, events::add));
        vm.assertRan();
        assertEquals(Optional.of(SELF), releases.current(), "no rollback while ada is active");
    }

    @Test
    void anUpgradeThatWaitedForIdleBuildsFromTheConfigAsItIsWhenTheWaitEnds() throws Exception {
        List<String> built = new ArrayList<>();
        provision = (config, progress) -> {
            built.add(config);
            releases.makeCurrent(SELF);
            return true;
        };
        policy = Policy.WHEN_IDLE;
        looks(
                () -> ADA,
                () -> ADA,
                () -> {
                    vm.file(
                            Layout.CONFIG_FILE,
                            "http: {port: 81}\n"); // another teacher's change while the upgrade waited
                    return ADA;
                },
                () -> HubActivity.NOBODY);
        assertEquals(ExitCodes.OK, upgrade());
        assertEquals(List.of("http: {port: 81}\n"), built);
        assertTrue(err().contains("nobody is active now (after 30 s): applying"), err());
    }

    @Test
    void aConfigThisReleaseRefusesThatCameWhileTheUpgradeWaitedStopsItUnderTheLock() throws Exception {
        provisionSwitchesAnd(true);
        policy = Policy.WHEN_IDLE;
        looks(() -> ADA, () -> {
            vm.file(Layout.CONFIG_FILE, "http: {port: eighty}\n");
            return HubActivity.NOBODY;
        });
        assertEquals(ExitCodes.INVALID_CONFIG, upgrade());
        assertTrue(err().contains("does not accept the hub's config as it is"), err());
        vm.assertRan();
        assertEquals(List.of(), events);
        assertEquals(Optional.of(FROM), releases.current());
        // The lock was released: the next change takes it at once.
        ConfigLock.acquire(dir.resolve("config.lock"), "next", 0, line -> {})
                .orElseThrow()
                .close();
    }
}
