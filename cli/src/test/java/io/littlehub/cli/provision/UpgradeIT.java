package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.agent.Model;
import io.littlehub.agent.release.SemVer;
import io.littlehub.cli.hubconfig.RestartChoice;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.transport.SshConnector;
import io.littlehub.cli.transport.SshTarget;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.ExitCodes;
import io.littlehub.testvm.VmSsh;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 7's upgrades on a VM. The hub runs this build's release (the provisioned snapshot) and a student's kernel
 * holds a variable. The next minor release is built in the test (this build's agent with the next version and another
 * JupyterHub, so its hub environment really is another) and `littlehub upgrade` (the laptop's Upgrader, pushing that
 * agent) moves the hub to it: the kernel keeps its variable, the proxy keeps routing to the student's server, and the
 * hub's unavailable interval is printed. Before that, `upgrade --when-idle --idle-timeout 20` gives up while the
 * student is active (exit 7, the release unchanged); the upgrade that goes on says first who is active.
 * A release that skips a minor is refused; one whose hub does not start is
 * rolled back by itself; `littlehub rollback` returns to this build's release, and its notice names the active
 * student (the agent's API token works on both JupyterHubs); another release's agent cannot provision the hub.
 *
 * <p>The hub starts with a 64-character agent token, as earlier releases wrote it: the next release's JupyterHub,
 * 6.1.0, refuses tokens of 64 characters (6.1.1 fixed it), so the upgrade must renew it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SemVer THIS = SemVer.parse(BuildInfo.version());
    private static final String NEXT = new SemVer(THIS.major(), THIS.minor() + 1, 0).toString();
    private static final String AFTER_NEXT = new SemVer(THIS.major(), THIS.minor() + 2, 0).toString();
    private static final String SKIPPING = new SemVer(THIS.major(), THIS.minor() + 3, 0).toString();
    /** The next release's JupyterHub: another version than this build's pin, so the upgrade builds another hub. */
    private static final String NEXT_JUPYTERHUB = "6.1.0";

    private static final String THIS_JUPYTERHUB =
            String.valueOf(((Map<?, ?>) Model.versions().get("hub")).get("jupyterhub"));

    @AutoClose
    static TeacherLaptop laptop;

    static HubClient ada;
    static String kernel;
    static byte[] next;

    @BeforeAll
    static void aClassRunsOnThisRelease() throws Exception {
        assertNotEquals(NEXT_JUPYTERHUB, THIS_JUPYTERHUB, "pick another JupyterHub for the next release");
        laptop = TeacherLaptop.boot("upg-" + ProcessHandle.current().pid());
        assertEquals(THIS.toString(), release().path("current").asText());
        AgentToken.asAnEarlierReleaseWroteIt(laptop.vm, laptop.base);
        assertTheHubKnowsTheAgent("before the upgrade");
        assertEquals(ExitCodes.OK, laptop.littlehub("add-student", "ada").exit());
        ada = new HubClient(laptop.base);
        assertEquals(200, ada.login("ada", "ada-password").statusCode());
        ada.startServer("ada", Duration.ofSeconds(180));
        kernel = ada.startKernel("ada");
        assertEquals("41", ada.executeIn("ada", kernel, "x = 41; x"));
    }

    static int agentTokenLength() {
        return AgentToken.length(laptop.vm);
    }

    /** The hub takes the agent's token ({@link AgentToken#assertTheHubKnowsTheAgent}); printed with the version. */
    static void assertTheHubKnowsTheAgent(String when) throws Exception {
        JsonNode me = AgentToken.assertTheHubKnowsTheAgent(laptop.vm, when + ", JupyterHub " + hubVersion());
        System.out.printf(
                "UpgradeIT: %s, JupyterHub %s, a token of %d characters: %s %s, scopes %s%n",
                when,
                hubVersion(),
                agentTokenLength(),
                me.path("kind").asText(),
                me.path("name").asText(),
                me.path("scopes"));
    }

    static JsonNode release() throws Exception {
        return JSON.readTree(laptop.vm.check("sudo", "littlehub-agent", "release", "--json"));
    }

    static String hubVersion() {
        return laptop.vm
                .check("/opt/littlehub/current/hub/bin/jupyterhub", "--version")
                .strip();
    }

    static String serverPid() {
        return laptop.vm
                .check("systemctl", "show", "-p", "MainPID", "--value", "jupyter-ada-singleuser")
                .strip();
    }

    /** {@code littlehub upgrade --to VERSION} from a laptop whose littlehub is that release. */
    static Run upgradeWith(byte[] agentJar, String version) {
        return HubChanges.upgrade(laptop, "teacher", null, agentJar, version);
    }

    /** The next release: this build's agent with the next version and another JupyterHub. */
    static byte[] nextRelease() {
        if (next == null) {
            next = ReleaseJars.release(
                    NEXT,
                    Map.of(
                            ReleaseJars.PINS,
                            pins -> pins.replace(
                                    "jupyterhub: \"" + THIS_JUPYTERHUB + "\"",
                                    "jupyterhub: \"" + NEXT_JUPYTERHUB + "\"")));
        }
        return next;
    }

    static String hubPid() {
        return laptop.vm
                .check("systemctl", "show", "-p", "MainPID", "--value", "jupyterhub")
                .strip();
    }

    /** The notice an upgrade gives while ada is active: it restarts the hub. */
    static void assertNoticeNamesAda(Run run) {
        assertTrue(
                run.err().contains("this change restarts jupyterhub: the hub is away for a few seconds")
                        && run.err().contains("1 person active in the last 10 min (ada)"),
                run.toString());
    }

    @Test
    @Order(0)
    void whileAdaIsActiveUpgradeWhenIdleGivesUpWithTheReleaseUnchanged() throws Exception {
        String pid = hubPid();
        long t = System.nanoTime();
        Run upgrade = HubChanges.upgrade(
                laptop,
                "teacher",
                null,
                nextRelease(),
                NEXT,
                false,
                line -> {},
                new RestartChoice(false, true, null, 20));
        long seconds = (System.nanoTime() - t) / 1_000_000_000;
        assertEquals(ExitCodes.PEOPLE_ACTIVE, upgrade.exit(), upgrade.toString());
        assertNoticeNamesAda(upgrade);
        assertTrue(upgrade.err().contains("still active after 20 s: nothing changed"), upgrade.toString());
        assertTrue(seconds >= 20, "it waited its 20 s: " + seconds);
        assertEquals(THIS.toString(), release().path("current").asText());
        assertEquals(pid, hubPid(), "no restart");
    }

    @Test
    @Order(1)
    void anUpgradeKeepsTheClassRunningAndMeasuresTheHubsGap() throws Exception {
        String pid = serverPid();
        byte[] next = nextRelease();
        String since = laptop.vm.check("date", "+%s").strip();
        try (Probe probe = new Probe(laptop.base)) {
            Run upgrade = upgradeWith(next, NEXT);
            assertEquals(ExitCodes.OK, upgrade.exit(), upgrade.toString());
            probe.stop();
            assertNoticeNamesAda(upgrade); // no terminal, no choice: told, and the upgrade went on
            System.out.printf(
                    "upgrade %s → %s: hub unavailable for %d ms (longest gap; %d of %d health probes failed);"
                            + " ada's server answered %d of %d probes through the proxy%n",
                    THIS,
                    NEXT,
                    probe.longestHubGapMillis(),
                    probe.hubFailures.get(),
                    probe.probes.get(),
                    probe.serverAnswers.get(),
                    probe.probes.get());
            System.out.println(
                    "where the gap went (the hub's journal: stop, start, listening):\n" + restartTimeline(since));
            assertEquals(
                    probe.probes.get(), probe.serverAnswers.get(), "the proxy kept routing to the student's server");
        }
        assertEquals(NEXT, release().path("current").asText());
        assertEquals(THIS.toString(), release().path("previous").asText());
        assertEquals(NEXT_JUPYTERHUB, hubVersion());
        assertTheHubKnowsTheAgent("after the upgrade");
        assertEquals(48, agentTokenLength(), "renewed: JupyterHub 6.1.0 refuses one of 64 characters");
        assertEquals(pid, serverPid(), "the student's server was not restarted");
        assertEquals("42", ada.executeIn("ada", kernel, "x + 1"), "the same kernel, its variables kept");
        assertTrue(
                laptop.vm
                        .check("sudo", "sh", "-c", "ls /var/lib/littlehub/upgrades/*-" + THIS + "-to-" + NEXT + "/")
                        .contains("jupyterhub.sqlite"),
                "the hub state was copied first");
        Run again = upgradeWith(next, NEXT);
        assertEquals(ExitCodes.OK, again.exit(), again.toString());
        assertTrue(again.out().contains("already runs littlehub " + NEXT), again.toString());
    }

    @Test
    @Order(2)
    void aReleaseThatSkipsAMinorIsRefusedWithTheSteps() throws Exception {
        Run skip = upgradeWith(ReleaseJars.release(SKIPPING, Map.of()), SKIPPING);
        assertEquals(ExitCodes.USAGE, skip.exit(), skip.toString());
        assertTrue(
                skip.err().contains("skips " + THIS.major() + "." + (THIS.minor() + 2) + ".x")
                        && skip.err().contains("nothing changed"),
                skip.toString());
        assertEquals(NEXT, release().path("current").asText());
    }

    @Test
    @Order(3)
    void aReleaseWhoseHubDoesNotStartIsRolledBackByItself() throws Exception {
        String pid = serverPid();
        byte[] broken = ReleaseJars.release(
                AFTER_NEXT,
                Map.of(
                        ReleaseJars.HUB_CONFIG_TEMPLATE,
                        template -> template + "\nraise SystemExit(\"broken on purpose by UpgradeIT\")\n"));
        Run upgrade = upgradeWith(broken, AFTER_NEXT);
        assertEquals(ExitCodes.FAILED, upgrade.exit(), upgrade.toString());
        assertTrue(upgrade.err().contains("rolled back: the hub runs littlehub " + NEXT), upgrade.toString());
        assertEquals(NEXT, release().path("current").asText());
        assertFalse(
                laptop.vm
                        .exec("test", "-e", "/opt/littlehub/releases/" + AFTER_NEXT)
                        .ok(),
                "the failed release is removed");
        assertEquals(200, new HubClient(laptop.base).get("/hub/health").statusCode());
        assertEquals(pid, serverPid(), "no student server lost");
        assertEquals("43", ada.executeIn("ada", kernel, "x + 2"));
    }

    @Test
    @Order(4)
    void rollbackReturnsToThePreviousReleaseOnDemand() throws Exception {
        String pid = serverPid();
        Run rollback = laptop.littlehub("rollback");
        assertEquals(ExitCodes.OK, rollback.exit(), rollback.toString());
        assertNoticeNamesAda(rollback); // the gate saw ada through JupyterHub 6.1.0's API
        assertTheHubKnowsTheAgent("after the rollback");
        assertEquals(THIS.toString(), release().path("current").asText());
        assertEquals(THIS_JUPYTERHUB, hubVersion());
        assertEquals(pid, serverPid());
        assertEquals("44", ada.executeIn("ada", kernel, "x + 3"));
        Run again = laptop.littlehub("rollback");
        assertEquals(ExitCodes.USAGE, again.exit(), again.toString());
        assertTrue(again.err().contains("no release to return to"), again.toString());
        // Another release's agent may not converge this hub: `upgrade` is the way.
        VmSsh.Result provision = runAgent(ReleaseJars.release(NEXT, Map.of()), "run", "provision");
        assertEquals(ExitCodes.UNSUPPORTED, provision.exitCode(), provision.stdout() + provision.stderr());
        assertTrue(provision.stderr().contains("`littlehub upgrade` moves the hub to " + NEXT), provision.stderr());
        assertEquals(THIS.toString(), release().path("current").asText());
    }

    /**
     * The hub unit's journal lines since {@code since} (epoch seconds) that mark a restart's steps, with times: the
     * signal, JupyterHub's cleanup done, its process ended (littlehub_hub.py), the unit stopped, the new start.
     */
    static String restartTimeline(String since) {
        return laptop.vm.check(
                "sh",
                "-c",
                "sudo journalctl -q -o short-precise --since @" + since
                        + " -u jupyterhub | grep -E 'Received signal|[.][.][.]done|has stopped|Stopping|Stopped|Consumed|Started"
                        + "|Running JupyterHub|Upgrading|Hub API listening|init_spawners|is now running' || true");
    }

    /** Uploads {@code jar} as an agent of its own and runs it as root with {@code args}. */
    static VmSsh.Result runAgent(byte[] jar, String... args) throws Exception {
        Path local = Files.createTempFile("littlehub-agent", ".jar");
        Files.write(local, jar);
        String remote = "/root/littlehub-agent-under-test.jar";
        try (RemoteHost host = SshConnector.connect(
                new SshTarget(laptop.vm.user(), "127.0.0.1", laptop.vm.sshPort(), laptop.vm.identity()),
                laptop.context(System.out, System.err, Map.of()).ssh())) {
            host.uploadAsRoot(local, remote, 0644);
        } finally {
            Files.delete(local);
        }
        String[] argv = new String[6 + args.length];
        System.arraycopy(new String[] {"sudo", "env", "LC_ALL=C.UTF-8", "java", "-jar", remote}, 0, argv, 0, 6);
        System.arraycopy(args, 0, argv, 6, args.length);
        return laptop.vm.exec(argv);
    }

    /**
     * Asks the hub's health URL and ada's server (its /api, which needs no sign-in) every 100 ms through the proxy,
     * as a class would while the upgrade runs.
     */
    static final class Probe implements AutoCloseable {
        final AtomicInteger probes = new AtomicInteger();
        final AtomicInteger hubFailures = new AtomicInteger();
        final AtomicInteger serverAnswers = new AtomicInteger();
        private final AtomicLong gapStart = new AtomicLong(-1);
        private final AtomicLong longestGap = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        // HTTP/1.1: a default client asks for an h2c upgrade, which the proxy takes for a websocket and refuses.
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        private final Thread thread;

        Probe(String base) {
            thread = new Thread(
                    () -> {
                        while (running.get()) {
                            long now = System.nanoTime();
                            boolean hub = status(base + "/hub/health") == 200;
                            int server = status(base + "/user/ada/api");
                            probes.incrementAndGet();
                            if (server == 200) {
                                serverAnswers.incrementAndGet();
                            }
                            if (!hub) {
                                hubFailures.incrementAndGet();
                                gapStart.compareAndSet(-1, now);
                            } else if (gapStart.get() >= 0) {
                                longestGap.accumulateAndGet((now - gapStart.getAndSet(-1)) / 1_000_000, Math::max);
                            }
                            try {
                                Thread.sleep(100);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "upgrade-probe");
            thread.start();
        }

        private int status(String url) {
            try {
                return http.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .timeout(Duration.ofSeconds(5))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (Exception e) {
                return -1;
            }
        }

        long longestHubGapMillis() {
            return longestGap.get();
        }

        /** Stops probing; a gap still open then counts until now (the upgrade can end before the next probe). */
        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
            long open = gapStart.getAndSet(-1);
            if (open >= 0) {
                longestGap.accumulateAndGet((System.nanoTime() - open) / 1_000_000, Math::max);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
