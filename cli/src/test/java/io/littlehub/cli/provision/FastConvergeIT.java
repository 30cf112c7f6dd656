package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.remote.SudoCommands;
import io.littlehub.common.config.Layout;
import io.littlehub.testvm.TestVms;
import io.littlehub.testvm.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A re-run of {@code provision} on a provisioned hub (issue 20's converge): one SSH exec, and one sudo call, carries
 * the way to root, the facts, the Java and agent checks and the agent's run; it reports every task as the run through separate steps does; the agents'
 * JVMs start from the class-data archives provision made; and a hand-made change is still found and repaired.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FastConvergeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TeacherLaptop laptop;

    /**
     * From the newest provisioned snapshot on this host ({@code -Dfastconverge.from=SNAP}: that one), whichever agent made it (this agent's own snapshot may be
     * queued behind other checkouts' for many minutes): the first converge pushes this agent and makes its archives.
     */
    @BeforeAll
    static void boot() throws Exception {
        TestVms vms = TestVms.open();
        Path snapshots = vms.workspace().root().resolve("snapshots");
        String newest = System.getProperty("fastconverge.from"); // a snapshot to start from, else the newest
        try (Stream<Path> all = newest != null ? Stream.of() : Files.list(snapshots)) {
            newest = all.filter(p -> p.getFileName().toString().startsWith("provisioned-"))
                    .filter(p -> Files.isRegularFile(p.resolve("snapshot.json")))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .map(p -> p.getFileName().toString())
                    .orElse(newest);
        }
        Assumptions.assumeTrue(newest != null, "no provisioned snapshot on this host yet");
        Vm vm = vms.up(
                "fast-converge",
                TestVms.UpOptions.defaults().fromSnapshot(newest).owned(true));
        laptop = TeacherLaptop.forHub(vm, Duration.ofSeconds(120));
        provision(); // this agent, its archives
    }

    @AfterAll
    static void down() {
        if (laptop != null) {
            laptop.close();
        }
    }

    private static List<JsonNode> provision(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "provision",
                laptop.vm.user() + "@127.0.0.1",
                "-p",
                Integer.toString(laptop.vm.sshPort()),
                "-i",
                laptop.vm.identity().toString(),
                "--yes",
                "--json",
                "--name",
                "test-hub"));
        args.addAll(List.of(extra));
        TeacherLaptop.Run r = laptop.ok(args.toArray(String[]::new));
        return r.out().lines().map(FastConvergeIT::json).toList();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException("not an event: " + line, e);
        }
    }

    private static JsonNode recap(List<JsonNode> events) {
        return events.get(events.size() - 1);
    }

    /** Each result as its shape: name, kind, status and its keys (not its time). */
    private static List<String> shapes(List<JsonNode> events) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            String name = e.path("name").asText();
            out.add(e.path("event").asText() + " " + keys + " "
                    + (name.startsWith("Facts: ") ? "Facts" : name) + " "
                    + e.path("kind").asText() + " "
                    + e.path("status").asText());
        }
        return out;
    }

    /** The sudo commands the VM logged since {@code since} (epoch seconds), program and first argument. */
    private static List<String> sudoCommandsSince(String since) {
        return laptop.vm
                .check("sh", "-c", "sudo journalctl -q -o cat _COMM=sudo --since @" + since + " | grep -o 'COMMAND=.*'")
                .lines()
                .filter(l -> !l.contains("journalctl")) // this query's own sudo
                .map(l -> l.length() > 60 ? l.substring(0, 60) : l)
                .toList();
    }

    @Test
    @Order(1)
    void aNoOpReRunIsOneExecAndReportsEveryTaskAsTheSeparateStepsDo() throws Exception {
        String since = laptop.vm.check("date", "+%s").strip();
        Thread.sleep(1000); // journalctl's --since has whole seconds
        List<JsonNode> fast = provision();
        List<String> sudo = sudoCommandsSince(since);
        assertEquals(0, recap(fast).path("changed").asInt(), "a no-op: " + recap(fast));
        assertEquals(0, recap(fast).path("failed").asInt());
        // One sudo call: the way to root is found in the same exec (no `sudo -n true` probe before it).
        assertEquals(
                1, sudo.size(), "one exec: the way to root, facts, Java, agent hash and the run together: " + sudo);
        assertTrue(sudo.get(0).contains(SudoCommands.AS_ROOT_BY), sudo.toString());

        // With --config the config goes up first, so facts, Java and the agent are read, then the agent runs in an exec
        // of its own: the steps as before. Both runs report the same tasks in the same shape.
        String config = laptop.vm.check("sudo", "cat", Layout.CONFIG_FILE);
        java.nio.file.Path file = laptop.home.resolve("config.yaml");
        java.nio.file.Files.writeString(file, config);
        List<JsonNode> stepwise = provision("--config", file.toString());
        List<String> stepwiseShapes = new ArrayList<>(shapes(stepwise));
        stepwiseShapes.removeIf(s -> s.contains(" Upload the hub config "));
        // A parallel group's tasks report as they end, so the two runs' events may come in another order.
        assertEquals(
                stepwiseShapes.stream().sorted().toList(),
                shapes(fast).stream().sorted().toList());
        assertEquals(
                "result [event, index, name, kind, status, ms, actions] Java runtime for the agent laptop ok",
                shapes(fast).get(1));
    }

    @Test
    @Order(2)
    void theAgentsJvmsStartFromTheClassDataArchivesProvisionMade() {
        for (String jar : List.of(Layout.AGENT_JAR, Layout.CURRENT_AGENT_JAR)) {
            // -Xshare:on: a missing or unusable archive is an error, not a silent fallback.
            String loaded = laptop.vm.check(
                    "sudo",
                    "java",
                    "-XX:SharedArchiveFile=" + jar + ".jsa",
                    "-Xshare:on",
                    "-Xlog:class+load=info",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    jar,
                    "--version");
            assertTrue(
                    loaded.contains("io.littlehub.agent.AgentMain source: shared objects file (top)"),
                    jar + ": "
                            + loaded.lines()
                                    .filter(l -> l.contains("AgentMain"))
                                    .toList());
        }
    }

    @Test
    @Order(3)
    void aFileChangedByHandIsFoundAndRepairedByTheNextRun() {
        String wrapper = laptop.vm.check("cat", Layout.AGENT_COMMAND);
        laptop.vm.check("sudo", "sh", "-c", "echo '# edited by hand' >> " + Layout.AGENT_COMMAND);
        List<JsonNode> repair = provision();
        List<JsonNode> changed = repair.stream()
                .filter(e -> e.path("status").asText().equals("changed"))
                .toList();
        assertEquals(1, changed.size(), changed.toString());
        assertTrue(
                changed.get(0).path("name").asText().startsWith("littlehub-agent command for admins"),
                changed.toString());
        assertTrue(changed.get(0).path("actions").get(0).asText().startsWith("write " + Layout.AGENT_COMMAND));
        assertEquals(wrapper, laptop.vm.check("cat", Layout.AGENT_COMMAND));
        assertEquals(0, recap(provision()).path("changed").asInt(), "and then nothing to do");
    }
}
