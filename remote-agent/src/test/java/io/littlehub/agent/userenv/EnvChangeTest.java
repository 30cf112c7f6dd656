package io.littlehub.agent.userenv;

import static io.littlehub.common.machine.FakeMachine.fails;
import static io.littlehub.common.machine.FakeMachine.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.config.ConfigHistory;
import io.littlehub.agent.config.ConfigLock;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.events.Event;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.FakeMachine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code env install} / {@code env remove} as data: pip's answers scripted in, the exact programs out. Every failure
 * branch ends with the environment before put back (or left alone when nothing changed), exit 1, nothing recorded.
 */
class EnvChangeTest {
    private static final String VENV = "/opt/littlehub/user";
    private static final String BEFORE = "ipykernel==6.29.5\njupyterlab==4.3.4\npip==23.0.1\n";
    private static final String WITH_TABULATE = BEFORE + "tabulate==0.9.0\n";
    private static final String PARTLY = BEFORE + "wcwidth==0.2.13\n";

    private static final List<String> FREEZE = pip("freeze", "--all");
    private static final List<String> IMPORTS = Stream.concat(
                    Stream.of(VENV + "/bin/python", "-c", UserEnv.IMPORT_CHECK), Health.MODULES.stream())
            .toList();
    private static final List<String> CHECK = pip("check");
    private static final List<String> INSTALL_TABULATE =
            with(pip("install", "--progress-bar", "off", "--root-user-action=ignore"), "tabulate==0.9.0");
    private static final List<String> INSTALL_BEFORE =
            pip("install", "--progress-bar", "off", "--root-user-action=ignore", "-r", "/dev/stdin");
    private static final List<String> RECREATE = List.of("/usr/bin/python3", "-m", "venv", "--clear", VENV);
    private static final String BROKEN_IMPORT = "jupyterlab: ModuleNotFoundError: No module named 'wcwidth'\n";

    @TempDir
    Path dir;

    private final FakeMachine vm = new FakeMachine();
    private final List<Event> events = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static List<String> pip(String... args) {
        List<String> argv = new ArrayList<>(List.of(VENV + "/bin/python", "-m", "pip"));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--disable-pip-version-check", "--no-input"));
        return argv;
    }

    private static List<String> with(List<String> argv, String... more) {
        return Stream.concat(argv.stream(), Stream.of(more)).toList();
    }

    private static List<String> uninstall(String... names) {
        return with(pip("uninstall", "-y", "--root-user-action=ignore"), names);
    }

    private ConfigHistory history() {
        return new ConfigHistory(dir.resolve("user-env"), ".txt");
    }

    /** The environment before is already recorded (entry 1), as after any earlier env command. */
    private EnvChange change() {
        if (history().latest().isEmpty()) {
            history().record(BEFORE, "littlehub", "the environment before the first change");
        }
        return new EnvChange(
                new UserEnv(vm, VENV, "/usr/bin/python3"),
                history(),
                dir.resolve("env.lock"),
                events::add,
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "pins\n");
    }

    private int install() throws Exception {
        return change().install(List.of(Requirement.parse("tabulate==0.9.0")), "teacher", 0);
    }

    /** Each step's outcome, "status: name", in order. */
    private List<String> steps() {
        return events.stream()
                .filter(e -> e instanceof Event.TaskResult)
                .map(e -> (Event.TaskResult) e)
                .map(t -> t.status().wire() + ": " + t.name())
                .toList();
    }

    private Event.Recap recap() {
        return events.stream()
                .filter(e -> e instanceof Event.Recap)
                .map(e -> (Event.Recap) e)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anInstallChecksInstallsChecksAndRecords() throws Exception {
        vm.answer(FREEZE, ok(BEFORE), ok(WITH_TABULATE));
        assertEquals(ExitCodes.OK, install());
        vm.assertRan(FREEZE, IMPORTS, CHECK, INSTALL_TABULATE, FREEZE, IMPORTS, CHECK);
        assertEquals(
                List.of(
                        "ok: Users' environment before the change",
                        "changed: pip install tabulate==0.9.0",
                        "ok: Health check (jupyterlab, notebook, ipykernel, jupyterhub.singleuser import; pip check)",
                        "changed: Record"),
                steps());
        assertEquals(0, recap().failed());
        assertEquals(WITH_TABULATE, history().text(2).orElseThrow(), "the new environment is record 2");
    }

    @Test
    void aPipThatFailsBeforeChangingAnythingLeavesTheEnvironmentAlone() throws Exception {
        vm.answer(FREEZE, ok(BEFORE))
                .answer(INSTALL_TABULATE, fails(1, "ERROR: No matching distribution found for tabulate==0.9.0\n"));
        assertEquals(ExitCodes.FAILED, install());
        vm.assertRan(FREEZE, IMPORTS, CHECK, INSTALL_TABULATE, FREEZE);
        assertEquals(
                List.of(
                        "ok: Users' environment before the change",
                        "failed: pip install tabulate==0.9.0",
                        "ok: Roll back to the environment before the change"),
                steps());
        assertTrue(err().contains("it had changed nothing"), err());
        assertEquals(1, history().list().size(), "nothing recorded");
    }

    @Test
    void aPipThatFailsHalfwayIsRolledBackToTheFreezeBefore() throws Exception {
        vm.answer(FREEZE, ok(BEFORE), ok(PARTLY), ok(BEFORE)).answer(INSTALL_TABULATE, fails(1, "ERROR: disk full\n"));
        assertEquals(ExitCodes.FAILED, install());
        vm.assertRan(
                FREEZE,
                IMPORTS,
                CHECK,
                INSTALL_TABULATE,
                FREEZE,
                uninstall("wcwidth"),
                INSTALL_BEFORE,
                IMPORTS,
                CHECK,
                FREEZE);
        assertEquals(List.of(BEFORE), vm.stdins(), "the freeze before is what pip installs again");
        assertEquals(
                List.of(
                        "ok: Users' environment before the change",
                        "failed: pip install tabulate==0.9.0",
                        "changed: Roll back to the environment before the change"),
                steps());
        assertTrue(err().contains("rolled back: install tabulate==0.9.0 failed (pip: ERROR: disk full)"), err());
        assertEquals(1, history().list().size());
    }

    @Test
    void anInstallThatBreaksAnImportIsRolledBack() throws Exception {
        vm.answer(FREEZE, ok(BEFORE), ok(WITH_TABULATE), ok(WITH_TABULATE), ok(BEFORE))
                .answer(IMPORTS, ok(""), ok(BROKEN_IMPORT), ok(""));
        assertEquals(ExitCodes.FAILED, install());
        vm.assertRan(
                FREEZE,
                IMPORTS,
                CHECK,
                INSTALL_TABULATE,
                FREEZE,
                IMPORTS,
                CHECK,
                FREEZE,
                uninstall("tabulate"),
                INSTALL_BEFORE,
                IMPORTS,
                CHECK,
                FREEZE);
        assertEquals(
                List.of(
                        "ok: Users' environment before the change",
                        "changed: pip install tabulate==0.9.0",
                        "failed: Health check (jupyterlab, notebook, ipykernel, jupyterhub.singleuser import; pip"
                                + " check)",
                        "changed: Roll back to the environment before the change"),
                steps());
        assertTrue(err().contains("the health check failed: import jupyterlab: ModuleNotFoundError"), err());
        assertEquals(1, history().list().size());
    }

    @Test
    void anInstallThatAddsAPipCheckProblemIsRolledBackButOneThatWasThereBeforeIsAccepted() throws Exception {
        String old = "jupyterlab 4.3.4 has requirement httpx<1, but you have httpx 1.0.\n";
        String added = "tabulate 0.9.0 requires wcwidth, which is not installed.\n";
        vm.answer(FREEZE, ok(BEFORE), ok(WITH_TABULATE), ok(WITH_TABULATE), ok(BEFORE))
                .answer(
                        CHECK,
                        new CommandResult(1, old, ""),
                        new CommandResult(1, old + added, ""),
                        new CommandResult(1, old, ""));
        assertEquals(ExitCodes.FAILED, install());
        assertTrue(err().contains("pip check: " + added.strip()) && !err().contains("httpx"), err());
        vm.assertRanInOrder(INSTALL_TABULATE, uninstall("tabulate"), INSTALL_BEFORE);
    }

    @Test
    void anInstallThatBreaksPipItselfRecreatesTheVenvFromTheFreezeBefore() throws Exception {
        vm.answer(
                FREEZE,
                ok(BEFORE),
                fails(1, "ModuleNotFoundError: No module named 'pip'"),
                fails(1, "ModuleNotFoundError: No module named 'pip'"),
                ok(BEFORE));
        assertEquals(ExitCodes.FAILED, install());
        vm.assertRan(
                FREEZE,
                IMPORTS,
                CHECK,
                INSTALL_TABULATE,
                FREEZE,
                FREEZE,
                RECREATE,
                INSTALL_BEFORE,
                IMPORTS,
                CHECK,
                FREEZE);
        assertEquals(
                List.of(
                        "ok: Users' environment before the change",
                        "failed: pip install tabulate==0.9.0",
                        "changed: Roll back to the environment before the change"),
                steps());
    }

    @Test
    void aRollbackThatCannotPutTheEnvironmentBackSaysSoAndNamesTheRebuild() throws Exception {
        vm.answer(FREEZE, ok(BEFORE), ok(PARTLY))
                .answer(INSTALL_TABULATE, fails(1, "ERROR: disk full\n"))
                .answer(INSTALL_BEFORE, fails(1, "ERROR: No space left on device\n"));
        assertEquals(ExitCodes.FAILED, install());
        vm.assertRan(
                FREEZE,
                IMPORTS,
                CHECK,
                INSTALL_TABULATE,
                FREEZE,
                uninstall("wcwidth"),
                INSTALL_BEFORE,
                IMPORTS,
                CHECK,
                FREEZE);
        assertEquals("failed: Roll back to the environment before the change", steps().get(2));
        assertTrue(
                err().contains("rollback incomplete") && err().contains("`env rebuild` recreates it from the record"),
                err());
        assertEquals(2, recap().failed());
    }

    @Test
    void aBrokenEnvironmentIsNotChangedAtAll() throws Exception {
        vm.answer(FREEZE, fails(1, "No module named pip"));
        assertEquals(ExitCodes.FAILED, install());
        vm.assertRan(FREEZE);
        vm.forget();
        vm.answer(FREEZE, ok(BEFORE)).answer(IMPORTS, ok(BROKEN_IMPORT));
        assertEquals(ExitCodes.FAILED, install());
        vm.assertRan(FREEZE, IMPORTS, CHECK);
        assertTrue(steps().stream().allMatch(s -> s.startsWith("failed: Users' environment")), steps().toString());
    }

    @Test
    void anInstallOfWhatIsThereChangesAndRecordsNothing() throws Exception {
        vm.answer(FREEZE, ok(WITH_TABULATE));
        history().record(WITH_TABULATE, "teacher", "install tabulate");
        assertEquals(ExitCodes.OK, install());
        vm.assertRan(FREEZE, IMPORTS, CHECK, INSTALL_TABULATE, FREEZE);
        assertEquals(1, history().list().size());
    }

    @Test
    void aLookLeavesAnInterruptedChangeForTheNextChangeToHear() throws Exception {
        String line = "env install tabulate by alice@laptop (pid 4242) since 2026-12-07T03:00:00Z";
        Files.writeString(dir.resolve("env.lock"), line + "\n");
        change().noticeOutsideChanges("bob@laptop");
        vm.assertRan();
        assertEquals(line + "\n", Files.readString(dir.resolve("env.lock")));
    }

    @Test
    void aLockedEnvironmentRunsNothing() throws Exception {
        EnvChange change = change();
        try (ConfigLock held = ConfigLock.acquire(dir.resolve("env.lock"), "another teacher", 0, line -> {})
                .orElseThrow()) {
            assertEquals(ExitCodes.LOCKED, change.install(List.of(Requirement.parse("tabulate==0.9.0")), "teacher", 0));
        }
        vm.assertRan();
        assertTrue(err().contains("the hub is busy with another teacher (pid "), err());
    }

    @Test
    void aRemoveUninstallsChecksAndRecords() throws Exception {
        vm.answer(FREEZE, ok(WITH_TABULATE), ok(BEFORE));
        history().record(WITH_TABULATE, "teacher", "install tabulate");
        assertEquals(ExitCodes.OK, change().remove(List.of(Requirement.parse("tabulate")), "teacher", 0));
        vm.assertRan(FREEZE, IMPORTS, CHECK, uninstall("tabulate"), FREEZE, IMPORTS, CHECK);
        assertEquals(BEFORE, history().text(2).orElseThrow());
    }

    @Test
    void aRemoveOfWhatIsNotThereRunsNoPip() throws Exception {
        vm.answer(FREEZE, ok(BEFORE));
        assertEquals(ExitCodes.OK, change().remove(List.of(Requirement.parse("tabulate")), "teacher", 0));
        vm.assertRan(FREEZE, IMPORTS, CHECK);
        assertTrue(
                events.stream().anyMatch(e -> e.equals(new Event.Note("tabulate is not installed"))),
                events.toString());
    }

    @Test
    void aRemoveThatBreaksAnImportInstallsTheFreezeBeforeAgain() throws Exception {
        vm.answer(FREEZE, ok(PARTLY), ok(BEFORE), ok(BEFORE), ok(PARTLY))
                .answer(IMPORTS, ok(""), ok(BROKEN_IMPORT), ok(""));
        history().record(PARTLY, "teacher", "install wcwidth");
        assertEquals(ExitCodes.FAILED, change().remove(List.of(Requirement.parse("wcwidth")), "teacher", 0));
        vm.assertRan(
                FREEZE,
                IMPORTS,
                CHECK,
                uninstall("wcwidth"),
                FREEZE,
                IMPORTS,
                CHECK,
                FREEZE,
                INSTALL_BEFORE,
                IMPORTS,
                CHECK,
                FREEZE);
        assertEquals(
                List.of(PARTLY),
                vm.stdins(),
                "nothing was added, so nothing is uninstalled: the freeze before goes back");
        assertEquals("changed: Roll back to the environment before the change", steps().get(3));
        assertEquals(1, history().list().size(), "nothing recorded");
    }
}
