package io.littlehub.agent.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.Model;
import io.littlehub.agent.ops.FileContent;
import io.littlehub.common.Facts;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.FakeMachine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A re-run with the same model and agent takes the texts kept by the run before; anything else renders them again. */
class RenderCacheTest {
    private static final Facts DEBIAN =
            new Facts("debian", "12", "Debian GNU/Linux 12 (bookworm)", "amd64", 2L << 30, 20L << 30, 252);
    private static final String FILE = RenderCache.FILE;
    private static final Optional<String> AGENT =
            Optional.of("/opt/littlehub/agent/littlehub-agent.jar size=1 modified=x");
    private static final String ROSTER = "templates/roster.json.ftl";

    private final FakeMachine machine = new FakeMachine();
    private final RenderCache cache = new RenderCache(machine, FILE);

    private static Map<String, Object> model(String configYaml) {
        return Model.build(HubConfig.load(configYaml), DEBIAN);
    }

    private static String roster(Playbook book) {
        return book.tasks().stream()
                .map(Task::operation)
                .filter(o -> o instanceof FileContent f && f.path().equals(Layout.ROSTER_FILE))
                .map(o -> ((FileContent) o).content())
                .findFirst()
                .orElseThrow();
    }

    /** Keeps, under the key of {@code model}, the texts of a real render with the roster's replaced by "kept". */
    private static void keepMarked(RenderCache cache, Map<String, Object> model) {
        PlaybookLoader loader = new PlaybookLoader();
        loader.load("provision", model);
        Map<String, String> texts = new LinkedHashMap<>(loader.rendered());
        assertTrue(texts.containsKey(ROSTER), texts.keySet().toString());
        texts.put(ROSTER, "kept\n");
        cache.save(RenderCache.key("provision", model, AGENT.get()).orElseThrow(), texts);
    }

    @Test
    void theModelsOfRealConfigsArePlainDataAndHaveAKey() throws Exception {
        for (String yaml : List.of("", Files.readString(Path.of("../examples/class-with-limits.yaml")), """
                users: {admin: [teacher], allowed: [ada, bob], banned: [eve]}
                course: {name: Data 101, id: data101, nbgrader: {enabled: true}}
                limits: {memory: 1G, cpu: 0.5, disk: 2G, users: {ada: {memory: 512M}}}
                https: {enabled: true, domains: [hub.example.org], letsencrypt: {email: t@example.org}}
                class: {schedule: [{days: [mon, wed], start: "10:00", warm_minutes_before: 10, grace_minutes: 20}]}
                backup: {schedule: daily, keep: 7}
                """)) {
            assertTrue(RenderCache.key("provision", model(yaml), AGENT.get()).isPresent(), yaml);
        }
    }

    private List<String> writes() {
        return machine.log().stream().filter(l -> l.startsWith("write ")).toList();
    }

    @Test
    void aRerunWithTheSameModelAndAgentTakesTheKeptTextsAndWritesNothing() {
        Map<String, Object> model = model("users: {admin: [teacher]}\n");
        keepMarked(cache, model);
        int before = writes().size();
        assertEquals("kept\n", roster(cache.load("provision", model, AGENT, false)));
        assertEquals(before, writes().size(), "nothing rendered, nothing kept again");
    }

    @Test
    void theFirstRunKeepsItsTextsRootsAloneAndTheSecondTakesThem() {
        Map<String, Object> model = model("users: {admin: [teacher]}\n");
        Playbook first = cache.load("provision", model, AGENT, false);
        assertEquals(List.of("write " + FILE + " root:root 600"), writes());
        String key = RenderCache.key("provision", model, AGENT.get()).orElseThrow();
        PlaybookLoader fresh = new PlaybookLoader();
        fresh.load("provision", model);
        assertEquals(fresh.rendered(), cache.texts(key), "the playbook and every template it names, as rendered");
        assertEquals(roster(first), roster(cache.load("provision", model, AGENT, false)));
        assertEquals(1, writes().size());
    }

    @Test
    void anotherModelAnotherAgentOrNoJarRendersAgain() {
        Map<String, Object> model = model("users: {admin: [teacher]}\n");
        String real = roster(new PlaybookLoader().load("provision", model));
        keepMarked(cache, model);
        assertEquals(real, roster(cache.load("provision", model, Optional.empty(), false)), "no jar: no cache");
        assertEquals(real, roster(cache.load("provision", model, Optional.of("another jar"), false)));
        keepMarked(cache, model);
        Map<String, Object> other = model("users: {admin: [teacher], allowed: [ada]}\n");
        assertTrue(roster(cache.load("provision", other, AGENT, false)).contains("\"ada\""));
        assertEquals(
                real,
                roster(cache.load("provision", model, AGENT, false)),
                "the other model's run replaced the kept texts");
    }

    @Test
    void aCheckRunRendersEverythingAndKeepsNothing() {
        Map<String, Object> model = model("");
        cache.load("provision", model, AGENT, true);
        assertEquals(List.of(), writes());
        keepMarked(cache, model);
        assertNotEquals("kept\n", roster(cache.load("provision", model, AGENT, true)));
        assertEquals(1, writes().size());
    }

    @Test
    void aCutOrForeignFileIsRenderedAgain() {
        Map<String, Object> model = model("");
        keepMarked(cache, model);
        byte[] kept = machine.read(FILE).orElseThrow();
        machine.file(FILE, new String(kept, 0, kept.length / 2, StandardCharsets.ISO_8859_1));
        String key = RenderCache.key("provision", model, AGENT.get()).orElseThrow();
        assertEquals(Map.of(), cache.texts(key));
        assertNotEquals("kept\n", roster(cache.load("provision", model, AGENT, false)));
        machine.file(FILE, "not a cache\n");
        assertEquals(Map.of(), cache.texts(key));
    }

    @Test
    void theKeyIsTheDataNotItsOrderAndNotPlainDataHasNone() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", List.of("x", true));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", List.of("x", true));
        ba.put("a", 1);
        assertEquals(RenderCache.key("p", ab, "c"), RenderCache.key("p", ba, "c"));
        assertNotEquals(
                RenderCache.key("p", ab, "c"), RenderCache.key("p", Map.of("a", 1L, "b", List.of("x", true)), "c"));
        assertNotEquals(
                RenderCache.key("p", ab, "c"), RenderCache.key("p", Map.of("a", "1", "b", List.of("x", true)), "c"));
        assertNotEquals(RenderCache.key("p", ab, "c"), RenderCache.key("p", ab, "d"), "another agent");
        assertNotEquals(RenderCache.key("p", ab, "c"), RenderCache.key("q", ab, "c"), "another playbook");
        assertEquals(Optional.empty(), RenderCache.key("p", Map.of("a", new Object()), "c"));
        assertEquals(Optional.empty(), RenderCache.key("p", Map.of("a", List.of(new StringBuilder("x"))), "c"));
    }
}
