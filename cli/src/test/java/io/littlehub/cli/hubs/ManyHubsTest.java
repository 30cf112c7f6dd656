package io.littlehub.cli.hubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.LittlehubCommand;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.cli.transport.SshFailure;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.common.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The runner as data: scripted single-hub commands in, starts, output and the recap out. */
class ManyHubsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ConfigContext ctx;
    private final List<String> started = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void threeHubs() throws Exception {
        Files.writeString(dir.resolve("hubs.yaml"), """
                hubs:
                  alpha: {host: 127.0.0.1, port: 1, user: t}
                  beta: {host: 127.0.0.1, port: 2, user: t}
                  gamma: {host: 127.0.0.1, port: 3, user: t}
                """);
        ctx = new ConfigContext(
                new HubRegistry(dir),
                SshOptions.defaults()
                        .withHome(dir)
                        .withKnownHosts(dir.resolve("known_hosts"))
                        .withAgentSocket(null)
                        .withConnectTimeoutMillis(3000),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                ScriptedPrompter.nobody(),
                Map.of("USER", "teacher"));
    }

    /** A change that succeeds on every hub but {@code failing}, printing a line and an agent-style recap. */
    private ManyHubs.OnHub scripted(String failing) {
        return (hubCtx, hub) -> {
            started.add(hub);
            hubCtx.out().println("changing " + hub);
            hubCtx.out().println("RECAP " + hub + " : ok=3 changed=1 failed=0  (1.0 s)");
            if (hub.equals(failing)) {
                hubCtx.err().println("the hub did not come up healthy: rolled back");
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        };
    }

    private int run(String hubs, int forks, Rollout rollout, boolean json, ManyHubs.OnHub command) {
        long[] now = {0};
        return new ManyHubs(ctx, () -> now[0] += 500).run(new ManyHubs.Plan(hubs, forks, rollout, json), command);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void serialOneStopsAtTheFirstFailedHubAndTheRecapSaysSo() {
        int exit = run("all", 5, new Rollout("1", null), false, scripted("beta"));
        assertEquals(ExitCodes.FAILED, exit);
        assertEquals(List.of("alpha", "beta"), started, "gamma is never started");
        assertEquals("""
                alpha | changing alpha
                alpha | RECAP alpha : ok=3 changed=1 failed=0  (1.0 s)
                beta  | changing beta
                beta  | RECAP beta : ok=3 changed=1 failed=0  (1.0 s)
                RECAP 3 hub(s): 1 ok, 2 not ok
                hub    result           changed      time
                alpha  ok                     1     0.5 s
                beta   failed (exit 1)        1     0.5 s
                gamma  not started            -         -
                """, out());
        assertEquals("beta  | the hub did not come up healthy: rolled back\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutBatchesEveryHubRunsAndMaxFailStopsStartingNewOnes() {
        assertEquals(ExitCodes.FAILED, run("all", 1, Rollout.ALL_AT_ONCE, false, scripted("alpha")));
        assertEquals(List.of("alpha", "beta", "gamma"), started);
        started.clear();
        assertEquals(ExitCodes.FAILED, run("all", 1, new Rollout(null, 1), false, (c, hub) -> {
            started.add(hub);
            return ExitCodes.FAILED;
        }));
        assertEquals(List.of("alpha"), started, "one fork: the hubs queued behind it see the failure");
        started.clear();
        assertEquals(ExitCodes.OK, run("all", 3, new Rollout("2", null), false, scripted("none")));
        assertEquals(3, started.size());
    }

    @Test
    void forksBoundHowManyHubsRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        run("all", 2, Rollout.ALL_AT_ONCE, false, (c, hub) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return ExitCodes.OK;
        });
        assertEquals(2, most.get());
    }

    @Test
    void jsonIsOneEventStreamWithTheHubOnEachEvent() {
        int exit = run("beta", 5, Rollout.ALL_AT_ONCE, true, (c, hub) -> {
            c.out().println("{\"event\":\"recap\",\"ok\":3,\"changed\":2,\"failed\":0,\"ms\":10}");
            c.out().println("a plain line");
            c.out().println("{\"hub\":{\"unit\":\"jupyterhub.service\"}}");
            return ExitCodes.OK;
        });
        assertEquals(ExitCodes.OK, exit);
        assertEquals("""
                {"hub":"beta","event":"recap","ok":3,"changed":2,"failed":0,"ms":10}
                {"hub":"beta","event":"output","line":"a plain line"}
                {"hub":"beta","event":"result","result":{"hub":{"unit":"jupyterhub.service"}}}
                {"hub":"beta","event":"hub_recap","result":"ok","exit":0,"changed":2,"ms":500}
                """, out());
    }

    @Test
    void aHubThatDoesNotAnswerIsReportedAndTheOthersFinish() {
        int exit = run("all", 5, Rollout.ALL_AT_ONCE, false, (c, hub) -> {
            if (hub.equals("alpha")) {
                throw new SshFailure("cannot connect to 127.0.0.1:1 (connection refused)", "is the VM up?");
            }
            return ExitCodes.OK;
        });
        assertEquals(ExitCodes.UNREACHABLE, exit, "the only failure: its code");
        assertTrue(out().contains("alpha  unreachable"), out());
        assertTrue(out().contains("gamma  ok"), out());
        assertTrue(
                err.toString(StandardCharsets.UTF_8).startsWith("alpha | littlehub: cannot connect"), err.toString());
    }

    @Test
    void provisioningASecondHubOnTheSameAddressUnderTheHostsNameIsRefusedBeforeConnecting() throws Exception {
        Files.writeString(dir.resolve("hubs.yaml"), "hubs:\n  127.0.0.1: {host: 127.0.0.1, port: 1, user: t}\n");
        CommandLine cl = LittlehubCommand.commandLine(() -> ctx);
        cl.setErr(new PrintWriter(ctx.err(), true));
        assertEquals(ExitCodes.USAGE, cl.execute("provision", "t@127.0.0.1", "-p", "2", "--admin", "ada"));
        String said = out() + err.toString(StandardCharsets.UTF_8);
        assertTrue(
                said.contains("already has a hub named 127.0.0.1 at 127.0.0.1:1") && said.contains("--hub NAME"), said);
        assertTrue(said.contains("nothing changed"), said);
        assertEquals(1, new HubRegistry(dir).read().hubs().size());
    }

    @Test
    void theRealCommandOnClosedPortsReportsEachHubUnreachableAndASelectionOfNothingIsExit2() {
        CommandLine cl = LittlehubCommand.commandLine(() -> ctx);
        cl.setErr(new PrintWriter(ctx.err(), true));
        long t = System.nanoTime();
        assertEquals(ExitCodes.UNREACHABLE, cl.execute("status", "--hubs", "all"));
        assertTrue((System.nanoTime() - t) / 1_000_000 < 3000 * 2, "closed ports answer at once, in parallel");
        assertTrue(out().contains("RECAP 3 hub(s): 0 ok, 3 not ok"), out());
        assertTrue(out().contains("beta   unreachable"), out());

        assertEquals(ExitCodes.USAGE, cl.execute("status", "--hubs", "physics*"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--hubs physics* matches no hub"), err.toString());
        assertEquals(ExitCodes.USAGE, cl.execute("status", "--hub", "alpha", "--hubs", "all"));
        assertEquals(ExitCodes.USAGE, cl.execute("upgrade", "--serial", "1"));
        // Options after the verb reach config's and backup's runs (inherited), through to each hub.
        assertEquals(ExitCodes.UNREACHABLE, cl.execute("config", "set", "limits.memory", "1G", "--hubs", "all"));
        assertEquals(
                ExitCodes.UNREACHABLE,
                cl.execute("backup", "--hubs", "beta", "--no-secrets", "--to-dir", dir.toString()));
        assertTrue(Files.isDirectory(dir.resolve("beta")), "one folder per hub");
        CommandLine fresh = LittlehubCommand.commandLine(() -> ctx); // picocli keeps an arg group between runs
        fresh.setErr(new PrintWriter(ctx.err(), true));
        assertEquals(ExitCodes.USAGE, fresh.execute("backup", "--hubs", "all", "--to-dir", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("give --passphrase-file FILE or --no-secrets"));
        assertEquals(ExitCodes.USAGE, cl.execute("provision", "--hubs", "all", "ubuntu@203.0.113.7"));
        assertEquals(ExitCodes.USAGE, cl.execute("provision"));
        assertEquals(
                ExitCodes.USAGE, cl.execute("config", "set", "limits.memory", "1G", "--hubs", "all", "--serial", "x"));
    }
}
