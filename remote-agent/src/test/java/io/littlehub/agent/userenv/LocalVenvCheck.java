package io.littlehub.agent.userenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.config.ConfigHistory;
import io.littlehub.agent.config.ConfigLock;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.events.HumanReport;
import io.littlehub.common.machine.LocalMachine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The env commands against a real venv on this machine, with PyPI: run by hand (it downloads packages), never in the
 * build. Make the venv of versions.yaml's user pins first, then
 * {@code mvn -o -pl remote-agent test -Dtest=LocalVenvCheck -Dlittlehub.envcheck.venv=/tmp/envcheck}.
 */
@EnabledIfSystemProperty(named = "littlehub.envcheck.venv", matches = ".+")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalVenvCheck {
    private static final String VENV = System.getProperty("littlehub.envcheck.venv");

    @TempDir
    static Path dir;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private ConfigHistory history() {
        return new ConfigHistory(dir.resolve("user-env"), ".txt");
    }

    private UserEnv env() {
        return new UserEnv(new LocalMachine(), VENV, "python3");
    }

    private EnvChange change() {
        PrintStream err = new PrintStream(new TeeStream(errBytes, System.err), true, StandardCharsets.UTF_8);
        return new EnvChange(
                env(),
                history(),
                dir.resolve("env.lock"),
                new HumanReport(System.out, false, "envcheck"),
                err,
                EnvChange.pinsText(EnvChange.userPins()));
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private static List<Requirement> reqs(String... typed) {
        return java.util.Arrays.stream(typed).map(Requirement::parse).toList();
    }

    private static long timed(String what, long t0) {
        long ms = System.currentTimeMillis() - t0;
        System.out.printf("=== %s: %.1f s%n", what, ms / 1000.0);
        return ms;
    }

    private Freeze freeze() {
        return env().freeze().orElseThrow();
    }

    @Test
    @Order(1)
    void aFreshEnvironmentIsHealthy() {
        long t0 = System.currentTimeMillis();
        Health h = env().health();
        timed("health check of the fresh venv", t0);
        System.out.println("=== health: " + h);
        assertTrue(h.importProblems().isEmpty() && h.checkProblems().isEmpty(), h.toString());
    }

    @Test
    @Order(2)
    void installsASmallPackageAndRecordsTheStateBeforeAndAfter() throws Exception {
        long t0 = System.currentTimeMillis();
        assertEquals(ExitCodes.OK, change().install(reqs("tabulate==0.9.0"), "tester@laptop", 0));
        timed("env install tabulate==0.9.0", t0);
        assertTrue(freeze().has("tabulate"));
        history().list().forEach(e -> System.out.println("=== history: " + e));
        assertEquals(
                List.of("littlehub", "tester@laptop"),
                history().list().stream().map(ConfigHistory.Entry::who).toList());
    }

    @Test
    @Order(3)
    void aNonexistentPackageIsRolledBack() throws Exception {
        Freeze before = freeze();
        long t0 = System.currentTimeMillis();
        assertEquals(ExitCodes.FAILED, change().install(reqs("littlehub-no-such-package-4711"), "tester@laptop", 0));
        timed("env install littlehub-no-such-package-4711", t0);
        assertTrue(err().contains("rolled back: install littlehub-no-such-package-4711 failed"), err());
        assertTrue(freeze().sameAs(before));
        assertEquals(2, history().list().size());
    }

    @Test
    @Order(4)
    void aVersionThatDoesNotExistIsRolledBack() throws Exception {
        Freeze before = freeze();
        long t0 = System.currentTimeMillis();
        assertEquals(ExitCodes.FAILED, change().install(reqs("tabulate==99.0", "six"), "tester@laptop", 0));
        timed("env install tabulate==99.0 six", t0);
        assertTrue(err().contains("rolled back"), err());
        assertTrue(freeze().sameAs(before), freeze().changesSince(before, 20));
    }

    @Test
    @Order(5)
    void aChangeThatBreaksPipCheckIsRolledBack() throws Exception {
        Freeze before = freeze();
        long t0 = System.currentTimeMillis();
        assertEquals(ExitCodes.FAILED, change().install(reqs("jupyter-server==1.24.0"), "tester@laptop", 0));
        timed("env install jupyter-server==1.24.0 (pip succeeds, the health check fails)", t0);
        assertTrue(err().contains("rolled back") && err().contains("pip check"), err());
        assertTrue(freeze().sameAs(before), freeze().changesSince(before, 20));
    }

    @Test
    @Order(6)
    void removesAPackage() throws Exception {
        long t0 = System.currentTimeMillis();
        assertEquals(
                ExitCodes.OK,
                change().remove(
                                List.of(Requirement.parseRemovable("tabulate", EnvChange.kept(EnvChange.userPins()))),
                                "tester@laptop",
                                0));
        timed("env remove tabulate", t0);
        assertTrue(!freeze().has("tabulate"));
        assertEquals(3, history().list().size());
    }

    @Test
    @Order(7)
    void aChangeOutsideLittlehubIsRecordedByTheNextCommand() {
        assertTrue(new LocalMachine()
                .run(List.of(VENV + "/bin/pip", "install", "-q", "tabulate==0.9.0"))
                .ok());
        long t0 = System.currentTimeMillis();
        change().noticeOutsideChanges("tester (read)");
        timed("outside-change check (env list)", t0);
        ConfigHistory.Entry last = history().latest().orElseThrow();
        System.out.println("=== history: " + last);
        assertEquals("changed outside littlehub: +tabulate==0.9.0", last.summary());
    }

    @Test
    @Order(8)
    void aHeldLockMakesOthersWaitAndNamesTheHolder() throws Exception {
        try (ConfigLock held = ConfigLock.acquire(dir.resolve("env.lock"), "alice@laptop", 0, s -> {})
                .orElseThrow()) {
            assertEquals(ExitCodes.LOCKED, change().install(reqs("six"), "bob@laptop", 1));
        }
        assertTrue(err().contains("waiting for the env lock held by alice@laptop"), err());
        assertTrue(err().contains("the users' environment is locked by alice@laptop"), err());
    }

    @Test
    @Order(9)
    void rebuildsABrokenEnvironmentFromTheRecord() throws Exception {
        Freeze recorded = freeze();
        assertTrue(new LocalMachine()
                .run(List.of("sh", "-c", "rm -rf " + VENV + "/lib/python3*/site-packages"))
                .ok());
        assertTrue(env().freeze().isEmpty(), "pip is gone with site-packages");
        long t0 = System.currentTimeMillis();
        assertEquals(
                ExitCodes.FAILED,
                change().install(reqs("six"), "tester@laptop", 0),
                "a broken environment is not changed");
        timed("env install on the broken venv (refused)", t0);
        t0 = System.currentTimeMillis();
        assertEquals(ExitCodes.OK, change().rebuild(null, false, "tester@laptop", 0));
        timed("env rebuild (from the newest record)", t0);
        assertTrue(freeze().sameAs(recorded), freeze().changesSince(recorded, 20));
        history().list().forEach(e -> System.out.println("=== history: " + e));
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }
    }
}
