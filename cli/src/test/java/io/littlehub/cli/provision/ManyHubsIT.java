package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.agent.release.SemVer;
import io.littlehub.cli.hubconfig.RestartChoice;
import io.littlehub.cli.hubs.ManyHubs;
import io.littlehub.cli.hubs.Rollout;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.backup.ArchiveVerifier;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 22 on three hubs at once (test VMs from the provisioned snapshot) and a fourth inventory entry whose port is
 * closed, all in one inventory with a group and labels: {@code status --hubs}, {@code hubs}, {@code config set
 * --hubs}, {@code backup --hubs} (one verified archive per hub, one folder each) and an upgrade with {@code --serial 1}
 * that stops at the second hub, whose new release fails its health check.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManyHubsIT {
    private static final String NEXT = nextMinor();
    private static final List<String> HUBS = List.of("hub-a", "hub-b", "hub-c");
    private static final ObjectMapper JSON = new ObjectMapper();

    static final List<TeacherLaptop> vms = new ArrayList<>();
    /** The laptop the commands run on: hub-a's, its inventory rewritten to hold all four entries. */
    static TeacherLaptop laptop;

    static String nextMinor() {
        SemVer v = SemVer.parse(BuildInfo.version());
        return new SemVer(v.major(), v.minor() + 1, 0).toString();
    }

    @BeforeAll
    static void threeHubsAndAClosedPort() throws Exception {
        long t = System.nanoTime();
        ExecutorService boot = Executors.newFixedThreadPool(3);
        List<Future<TeacherLaptop>> booting = new ArrayList<>();
        for (String hub : HUBS) {
            booting.add(boot.submit(() -> TeacherLaptop.boot(
                    "mh-" + hub.substring(4) + "-" + ProcessHandle.current().pid())));
        }
        for (Future<TeacherLaptop> f : booting) {
            vms.add(f.get());
        }
        boot.shutdown();
        System.out.printf("three provisioned hubs up in %d ms%n", (System.nanoTime() - t) / 1_000_000);
        laptop = vms.get(0);
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        StringBuilder inventory = new StringBuilder("""
                # three classes and a hub that is gone
                groups: [term]
                hubs:
                """);
        for (int i = 0; i < 3; i++) {
            var vm = vms.get(i).vm;
            inventory
                    .append("  ")
                    .append(HUBS.get(i))
                    .append(":\n")
                    .append("    host: 127.0.0.1\n    port: ")
                    .append(vm.sshPort())
                    .append('\n')
                    .append("    user: ")
                    .append(vm.user())
                    .append('\n')
                    .append("    identity: ")
                    .append(vm.identity())
                    .append('\n')
                    .append("    url: http://127.0.0.1:")
                    .append(vm.httpPort())
                    .append("/\n")
                    .append("    groups: [term]\n")
                    .append("    labels: {course: c")
                    .append(i)
                    .append("}\n");
        }
        inventory
                .append("  gone:\n    host: 127.0.0.1\n    port: ")
                .append(closed)
                .append("\n    user: tester\n");
        Files.writeString(laptop.home.resolve("registry/hubs.yaml"), inventory.toString());
        Files.deleteIfExists(laptop.home.resolve("registry/hubs.json"));
        System.out.println(free());
    }

    static String free() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemAvailable"))
                    .findFirst()
                    .orElse("");
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @AfterAll
    static void down() {
        vms.forEach(TeacherLaptop::close);
    }

    @Test
    @Order(1)
    void statusListsThreeHubsAndTheClosedPortIsReportedWhileTheOthersFinish() throws Exception {
        Run three = laptop.ok("status", "--hubs", "term");
        for (String hub : HUBS) {
            assertTrue(three.out().contains(hub + " | hub "), three.out());
            assertTrue(three.out().lines().anyMatch(l -> l.startsWith(hub + "  ok")), three.out());
        }
        assertTrue(three.out().contains("RECAP 3 hub(s): 3 ok, 0 not ok"), three.out());

        long t = System.nanoTime();
        Run four = laptop.littlehub("status", "--hubs", "all");
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertEquals(ExitCodes.UNREACHABLE, four.exit(), four.toString());
        assertTrue(four.out().lines().anyMatch(l -> l.startsWith("gone   unreachable")), four.out());
        assertTrue(four.err().contains("gone  | littlehub: "), four.err());
        HUBS.forEach(hub -> assertTrue(four.out().lines().anyMatch(l -> l.startsWith(hub + "  ok")), four.out()));
        assertTrue(ms < 60_000, "four hubs, one unreachable, in " + ms + " ms");

        Run json = laptop.littlehub("status", "--hubs", "course=c1", "--json");
        assertEquals(ExitCodes.OK, json.exit(), json.toString());
        for (String line : json.out().lines().toList()) {
            assertEquals("hub-b", JSON.readTree(line).path("hub").asText(), line);
        }
        assertTrue(
                json.out()
                        .lines()
                        .anyMatch(l -> l.contains("\"event\":\"result\",\"result\":{")
                                && l.contains("\"unit\":\"jupyterhub.service\"")),
                "status's own object, its hub unit kept: " + json.out());

        Run list = laptop.littlehub("hubs");
        assertEquals(ExitCodes.UNREACHABLE, list.exit(), list.toString());
        String release = BuildInfo.version();
        HUBS.forEach(hub -> assertTrue(
                list.out()
                        .lines()
                        .anyMatch(l ->
                                l.contains(hub) && l.contains(" yes ") && l.contains(release) && l.contains("off")),
                list.out()));
        assertTrue(list.out().lines().anyMatch(l -> l.contains("gone") && l.contains(" no ")), list.out());
    }

    @Test
    @Order(2)
    void configSetReachesEveryHub() {
        Run set = laptop.ok("config", "set", "limits.memory", "768M", "--hubs", "all,!gone");
        assertTrue(set.out().contains("RECAP 3 hub(s): 3 ok"), set.out());
        for (TeacherLaptop hub : vms) {
            assertEquals(
                    "768M",
                    hub.vm
                            .check("sudo", "littlehub-agent", "config", "get", "limits.memory")
                            .strip());
        }
    }

    @Test
    @Order(3)
    void backupLeavesOneVerifiedArchivePerHub() throws Exception {
        Path dir = Files.createTempDirectory(laptop.home, "backups");
        Run backup = laptop.ok("backup", "--hubs", "term", "--no-secrets", "--to-dir", dir.toString());
        assertTrue(backup.out().contains("RECAP 3 hub(s): 3 ok"), backup.out());
        for (String hub : HUBS) {
            List<Path> archives;
            try (Stream<Path> files = Files.list(dir.resolve(hub))) {
                archives = files.filter(f -> f.toString().endsWith(".littlehub-backup.tar"))
                        .toList();
            }
            assertEquals(1, archives.size(), hub + ": " + archives);
            try (InputStream in = Files.newInputStream(archives.get(0))) {
                assertEquals(
                        hub,
                        ArchiveVerifier.verify(in, (entry, content) -> {})
                                .manifest()
                                .hub());
            }
        }
    }

    @Test
    @Order(4)
    void anUpgradeOneHubAtATimeStopsAtTheHubThatFailsItsHealthCheck() throws Exception {
        // hub-b's hub refuses to start on the next release only: the agent's health check fails and it rolls back.
        vms.get(1)
                .vm
                .check(
                        "sudo",
                        "sh",
                        "-c",
                        "mkdir -p /etc/littlehub/jupyterhub_config.d && printf '%s\\n' 'import os' "
                                + "'if os.path.realpath(\"/opt/littlehub/current\").endswith(\"/" + NEXT + "\"):'"
                                + " '    raise SystemExit(\"broken on purpose by ManyHubsIT\")'"
                                + " > /etc/littlehub/jupyterhub_config.d/zz-many-hubs-it.py");
        byte[] next = ReleaseJars.release(NEXT, Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var ctx = laptop.context(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("USER", "teacher"));
        long t = System.nanoTime();
        // The runner `upgrade --hubs all,!gone --serial 1` hands each hub to, with the next release's agent.
        int exit = new ManyHubs(ctx)
                .run(
                        new ManyHubs.Plan("all,!gone", ManyHubs.DEFAULT_FORKS, new Rollout("1", null), false),
                        (hubCtx, hub) -> new Upgrader(hubCtx, next).run(hub, NEXT, false, null, RestartChoice.NONE));
        Run upgrade = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.printf(
                "upgrade --hubs all,!gone --serial 1: exit %d in %d s%n%s%n",
                exit,
                (System.nanoTime() - t) / 1_000_000_000,
                upgrade.out().lines().filter(l -> !l.contains(" | ")).reduce("", (a, b) -> a + b + "\n"));
        assertNotEquals(ExitCodes.OK, exit, upgrade.toString());
        assertTrue(upgrade.out().lines().anyMatch(l -> l.startsWith("hub-a  ok")), upgrade.toString());
        assertTrue(upgrade.out().lines().anyMatch(l -> l.startsWith("hub-b  failed")), upgrade.toString());
        assertTrue(upgrade.out().lines().anyMatch(l -> l.startsWith("hub-c  not started")), upgrade.toString());
        assertTrue(upgrade.err().contains("hub-b | ") && upgrade.err().contains("rolled back"), upgrade.toString());
        assertEquals(NEXT, release(0));
        assertEquals(BuildInfo.version(), release(1), "hub-b rolled back");
        assertEquals(BuildInfo.version(), release(2), "hub-c untouched");
        assertFalse(vms.get(2)
                .vm
                .exec("test", "-e", "/opt/littlehub/releases/" + NEXT)
                .ok());
        assertEquals(200, new HubClient(vms.get(1).base).get("/hub/health").statusCode());
    }

    static String release(int hub) {
        try {
            return JSON.readTree(vms.get(hub).vm.check("sudo", "littlehub-agent", "release", "--json"))
                    .path("current")
                    .asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
