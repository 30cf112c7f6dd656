package io.littlehub.agent.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.Model;
import io.littlehub.agent.ops.RestartedHub;
import io.littlehub.agent.ops.Secret;
import io.littlehub.agent.playbook.PlaybookLoader;
import io.littlehub.common.Facts;
import io.littlehub.common.backup.Manifest;
import io.littlehub.common.backup.TarEntry;
import io.littlehub.common.backup.TarFormatException;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.FakeMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore's transaction as data: the VM's answers in, the exact programs out. Every failure after the hub
 * stopped is undone in reverse (moves back, created users removed, the hub started again) and named in the error.
 */
class RestorerTest {
    private static final String ADA = "jupyter-ada";
    private static final String DB = Layout.HUB_DB;
    private static final List<String> STOP_SERVERS = List.of("systemctl", "stop", "jupyter-*-singleuser.service");
    private static final List<String> STOP_HUB =
            List.of("systemctl", "stop", "jupyterhub.service", "littlehub-proxy.service");
    private static final List<String> GETENT = List.of("getent", "passwd", ADA);
    private static final List<String> USERADD = List.of(
            "useradd", "--no-create-home", "--home-dir", "/home/" + ADA, "--shell", "/bin/bash", "--user-group", ADA);
    private static final List<String> START =
            List.of("systemctl", "start", "littlehub-proxy.service", "jupyterhub.service");
    private static final List<String> UNDO_STOP =
            List.of("systemctl", "stop", "jupyter-*-singleuser.service", "jupyterhub.service");
    private static final List<String> SHOW = RestartedHub.SHOW;
    private static final List<String> UNDO_START =
            List.of("systemctl", "restart", "littlehub-proxy.service", "jupyterhub.service");

    @TempDir
    Path dir;

    private Staging staged;
    private Path before;
    private Manifest manifest;
    private final FakeMachine vm = new FakeMachine()
            .file(Layout.CONFIG_FILE, "http: {port: 80}\n")
            .directory("/home/" + ADA)
            .file(DB, "the live database");
    /** The hub after the restore starts it: it answers at once unless a test says otherwise. */
    private final RestartedHub hub = new RestartedHub();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An archive of ada's home and the hub database, staged in the restore's folder. */
    @BeforeEach
    void stage() throws IOException {
        staged = new Staging(Files.createDirectory(dir.resolve("stage")));
        before = dir.resolve("before");
        long uid = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        long gid = ((Number) Files.getAttribute(dir, "unix:gid")).longValue();
        staged.entry(
                TarEntry.directory("home/" + ADA, 0700, uid, gid, "", "", 1_700_000_000),
                InputStream.nullInputStream());
        byte[] notebook = "{}".getBytes(StandardCharsets.UTF_8);
        staged.entry(
                TarEntry.file("home/" + ADA + "/a.ipynb", 0600, uid, gid, "", "", notebook.length, 1_700_000_000),
                new ByteArrayInputStream(notebook));
        staged.entry(
                TarEntry.file(DB.substring(1), 0600, uid, gid, "", "", 2, 1_700_000_000),
                new ByteArrayInputStream(new byte[2]));
        manifest = new Manifest(
                "1",
                "0.6.0",
                "hub",
                "vm",
                null,
                null,
                null,
                List.of(new Manifest.User(ADA, 1001, 1001, "/home/" + ADA)),
                List.of(),
                List.of());
        currentToken();
    }

    /** The provision playbook's step for the agent's token, as the restore takes it from the playbook. */
    private static final Secret AGENT_TOKEN = Restorer.agentTokenStep(new PlaybookLoader()
            .load(
                    "provision",
                    Model.build(
                            HubConfig.load(""),
                            new Facts("debian", "12", "Debian GNU/Linux 12", "amd64", 2L << 30, 20L << 30, 252))));

    private void restore(boolean secrets) throws IOException {
        new Restorer(vm, new PrintStream(out, true, StandardCharsets.UTF_8), hub.world(), AGENT_TOKEN)
                .restore(staged, manifest, before, secrets);
    }

    /** The token as this release's provision writes it: 48 hex characters, root's, 0600. */
    private void currentToken() {
        vm.write(
                Layout.AGENT_API_TOKEN,
                ("ab".repeat(24) + "\n").getBytes(StandardCharsets.UTF_8),
                "root",
                "root",
                0600);
        vm.forget();
    }

    @Test
    void theTokenStepIsProvisions() {
        assertEquals(new Secret(Layout.AGENT_API_TOKEN, 24, "", true, "root", "root", 0600), AGENT_TOKEN);
    }

    /**
     * An archive from before the 48-character token brings back one of 64 (JupyterHub 6.1.0 and 5.5.3 refuse it):
     * provision's step renews it after the moves and before the hub starts, so the hub reads the new one.
     */
    @Test
    void aRestoredTokenOf64CharactersIsRenewedBeforeTheHubStarts() throws IOException {
        vm.file(Layout.AGENT_API_TOKEN, "cd".repeat(32) + "\n");
        restore(true);
        assertTrue(vm.text(Layout.AGENT_API_TOKEN).matches("[0-9a-f]{48}\n"), vm.text(Layout.AGENT_API_TOKEN));
        List<String> log = vm.log();
        int renewed = log.indexOf("write " + Layout.AGENT_API_TOKEN + " root:root 600");
        assertTrue(renewed > log.indexOf("run " + String.join(" ", dbIn())), log.toString());
        assertTrue(renewed < log.indexOf("run " + String.join(" ", START)), log.toString());
        assertTrue(
                out.toString(StandardCharsets.UTF_8)
                        .contains("renewed the agent's hub API token as provision does: the restored one has 64"
                                + " characters"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTokenOf48CharactersIsKept() throws IOException {
        restore(true);
        assertEquals("ab".repeat(24) + "\n", vm.text(Layout.AGENT_API_TOKEN));
        assertTrue(
                vm.log().stream().noneMatch(l -> l.contains(Layout.AGENT_API_TOKEN)),
                vm.log().toString());
    }

    private IllegalStateException restoreFails() {
        return assertThrows(IllegalStateException.class, () -> restore(false));
    }

    private static List<String> mv(Object from, Object to) {
        return List.of("mv", "-T", "--", from.toString(), to.toString());
    }

    private static List<String> mkdir(Object path) {
        return List.of("mkdir", "-p", "--", path.toString());
    }

    private List<String> homeAside() {
        return mv("/home/" + ADA, before.resolve("home/" + ADA));
    }

    private List<String> homeIn() {
        return mv(staged.dir().resolve("home/" + ADA), "/home/" + ADA);
    }

    private List<String> dbAside() {
        return mv(DB, before.resolve(DB.substring(1)));
    }

    private List<String> dbIn() {
        return mv(staged.dir().resolve(DB.substring(1)), DB);
    }

    @Test
    void eachUnitIsMovedAsideThenIntoPlaceAndTheHubMustAnswer() throws IOException {
        restore(false);
        vm.assertRan(
                STOP_SERVERS,
                STOP_HUB,
                GETENT,
                mkdir(before.resolve("home")),
                homeAside(),
                mkdir("/home"),
                homeIn(),
                mkdir(before.resolve(DB.substring(1)).getParent()),
                dbAside(),
                mkdir(Path.of(DB).getParent()),
                dbIn(),
                START,
                SHOW);
        assertEquals(List.of("http://127.0.0.1:80/hub/health"), hub.asked);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("the hub answers at http://127.0.0.1:80/hub/health"));
    }

    @Test
    void aHubThatIsSlowToAnswerIsWaitedForWhileItsUnitsRunAndTheRestoreStays() throws IOException {
        hub.answers(200, 150).units(vm, RestartedHub.RUNNING);
        restore(false);
        assertEquals(150, hub.seconds(), "past the 120 s a restore used to give the hub");
        vm.assertNeverRan(UNDO_STOP);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("the hub answers at http://127.0.0.1:80/hub/health"));
    }

    @Test
    void secretsMoveEveryOldPasswordFileAside() throws IOException {
        vm.file(Layout.FIRSTUSE_PASSWORDS + ".db", "old")
                .file(Layout.FIRSTUSE_PASSWORDS + ".dir", "old")
                .file(Layout.STATE_DIR + "/cookie_secret", "not a password file");
        restore(true);
        Path kept = before.resolve(Layout.STATE_DIR.substring(1));
        vm.assertRanInOrder(
                GETENT,
                mv(Layout.FIRSTUSE_PASSWORDS + ".db", kept.resolve("passwords.dbm.db")),
                mv(Layout.FIRSTUSE_PASSWORDS + ".dir", kept.resolve("passwords.dbm.dir")),
                homeAside());
        vm.assertNeverRan(List.of("mv", "-T", "--", Layout.STATE_DIR + "/cookie_secret"));
    }

    @Test
    void restoredHttpsStateIsPutInPlaceWholeAndCaddyRestartedOnIt() throws IOException {
        long uid = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        staged.secret(new io.littlehub.common.backup.SecretsBundle.Secret(
                TarEntry.directory("var/lib/littlehub/https", 0700, uid, uid, "", "", 1_700_000_000), new byte[0]));
        byte[] key = "key".getBytes(StandardCharsets.UTF_8);
        staged.secret(new io.littlehub.common.backup.SecretsBundle.Secret(
                TarEntry.file("var/lib/littlehub/https/caddy/site.key", 0600, uid, uid, "", "", 3, 1_700_000_000),
                key));
        restore(true);
        vm.assertRanInOrder(
                dbIn(),
                mv(staged.dir().resolve("var/lib/littlehub/https"), Layout.HTTPS_STATE),
                START,
                List.of("systemctl", "try-restart", Layout.HTTPS_UNIT));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("account and certificates were restored"));
    }

    @Test
    void aHubThatDoesNotAnswerAfterwardsUndoesEveryMoveNewestFirst() {
        hub.answers(502, 0).units(vm, RestartedHub.crashesAt(1));
        IllegalStateException e = restoreFails();
        vm.assertRan(
                STOP_SERVERS,
                STOP_HUB,
                GETENT,
                mkdir(before.resolve("home")),
                homeAside(),
                mkdir("/home"),
                homeIn(),
                mkdir(before.resolve(DB.substring(1)).getParent()),
                dbAside(),
                mkdir(Path.of(DB).getParent()),
                dbIn(),
                START,
                SHOW,
                SHOW,
                UNDO_STOP,
                mv(DB, staged.dir().resolve(DB.substring(1))),
                mv(before.resolve(DB.substring(1)), DB),
                mv("/home/" + ADA, staged.dir().resolve("home/" + ADA)),
                mv(before.resolve("home/" + ADA), "/home/" + ADA),
                UNDO_START);
        assertTrue(
                e.getMessage()
                                .startsWith("the hub did not come up after the restore: http://127.0.0.1:80/hub/health"
                                        + " answered HTTP 502 (expected 200): after 1 s its service stopped running its"
                                        + " process (jupyterhub.service active (running))")
                        && e.getMessage()
                                .contains("; rolled back: the hub has what it had before the restore again and was"
                                        + " started"),
                e.getMessage());
    }

    @Test
    void aMoveThatFailsUndoesTheMovesBeforeItAndRemovesTheUserItCreated() {
        vm.answer(GETENT, FakeMachine.fails(2, ""))
                .answer(dbIn(), FakeMachine.fails(1, "mv: cannot move: No space left on device"));
        IllegalStateException e = restoreFails();
        vm.assertRan(
                STOP_SERVERS,
                STOP_HUB,
                GETENT,
                USERADD,
                mkdir(before.resolve("home")),
                homeAside(),
                mkdir("/home"),
                homeIn(),
                mkdir(before.resolve(DB.substring(1)).getParent()),
                dbAside(),
                mkdir(Path.of(DB).getParent()),
                dbIn(),
                UNDO_STOP,
                mv(before.resolve(DB.substring(1)), DB),
                mv("/home/" + ADA, staged.dir().resolve("home/" + ADA)),
                mv(before.resolve("home/" + ADA), "/home/" + ADA),
                List.of("userdel", ADA),
                UNDO_START);
        assertTrue(
                e.getMessage()
                        .startsWith("could not move " + DB + " into place (exit 1): mv: cannot move: No space left"),
                e.getMessage());
        vm.assertNeverRan(START);
    }

    @Test
    void aUserThatCannotBeCreatedMovesNothingAndStartsTheHubAgain() {
        vm.answer(GETENT, FakeMachine.fails(2, ""))
                .answer(USERADD, FakeMachine.fails(9, "useradd: group jupyter-ada exists"));
        IllegalStateException e = restoreFails();
        vm.assertRan(STOP_SERVERS, STOP_HUB, GETENT, USERADD, UNDO_STOP, UNDO_START);
        assertTrue(
                e.getMessage().contains("could not create the unix user jupyter-ada (exit 9)")
                        && e.getMessage().contains("rolled back"),
                e.getMessage());
    }

    @Test
    void aHubThatDoesNotStopIsStartedAgainAndNothingMoved() {
        vm.answer(STOP_HUB, FakeMachine.fails(1, "Failed to stop jupyterhub.service"));
        IllegalStateException e = restoreFails();
        vm.assertRan(STOP_SERVERS, STOP_HUB, UNDO_STOP, UNDO_START);
        assertTrue(e.getMessage().startsWith("could not stop the hub"), e.getMessage());
    }

    @Test
    void anUndoMoveThatFailsIsNamedAndTheHubIsNotStartedOnAHalfRestoredVm() {
        hub.silent().units(vm, RestartedHub.failsAt(0));
        vm.answer(mv(before.resolve("home/" + ADA), "/home/" + ADA), FakeMachine.fails(1, "mv: Permission denied"));
        IllegalStateException e = restoreFails();
        assertTrue(
                e.getMessage()
                                .contains("rolling back failed for " + before.resolve("home/" + ADA)
                                        + " (should be /home/" + ADA + ")")
                        && e.getMessage().contains("move them by hand"),
                e.getMessage());
        vm.assertRanInOrder(
                START,
                UNDO_STOP,
                mv(DB, staged.dir().resolve(DB.substring(1))),
                mv(before.resolve(DB.substring(1)), DB),
                mv("/home/" + ADA, staged.dir().resolve("home/" + ADA)),
                mv(before.resolve("home/" + ADA), "/home/" + ADA));
        vm.assertNeverRan(UNDO_START);
    }

    @Test
    void aManifestNamingAnUnknownUserIsRefusedBeforeTheHubStops() {
        manifest = new Manifest(
                "1",
                "0.6.0",
                "hub",
                "vm",
                null,
                null,
                null,
                List.of(new Manifest.User("root", 0, 0, "/root")),
                List.of(),
                List.of());
        assertThrows(TarFormatException.class, () -> restore(false));
        vm.assertRan();
    }
}
