package io.littlehub.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.config.HubConfig;
import io.littlehub.agent.ops.FileContent;
import io.littlehub.agent.playbook.Playbook;
import io.littlehub.agent.playbook.PlaybookLoader;
import io.littlehub.agent.playbook.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged provision playbook and templates render for real configs, and the hub config is valid Python. */
class ProvisionPlaybookTest {
    private static final Facts DEBIAN = new Facts("debian", "12", "Debian GNU/Linux 12 (bookworm)", "amd64", 2L << 30, 20L << 30, 252);

    private static Playbook render(String configYaml) {
        return new PlaybookLoader().load("provision", Model.build(HubConfig.load(configYaml), DEBIAN));
    }

    private static String file(Playbook book, String path) {
        return book.tasks().stream().map(Task::operation).filter(o -> o instanceof FileContent f && f.path().equals(path))
                .map(o -> ((FileContent) o).content()).findFirst().orElseThrow(() -> new AssertionError("no task writes " + path));
    }

    @Test
    void rendersWithDefaultsAndPinsEveryPackage() {
        Playbook book = render("");
        assertTrue(book.tasks().size() > 15);
        assertEquals(List.of("restart proxy", "restart hub", "hub answers"), book.handlers().stream().map(Task::name).toList());
        String config = file(book, "/opt/littlehub/config/jupyterhub_config.py");
        assertTrue(config.contains("c.SystemdSpawner.mem_limit = \"1G\""), config);
        assertTrue(config.contains("c.Spawner.default_url = \"/lab\""), config);
        assertTrue(config.contains("c.Authenticator.admin_users = set([])"), "no admins is an empty set, not {} (a dict)");
        Map<String, Object> versions = Model.versions();
        assertTrue(versions.get("hub") instanceof Map<?, ?> hub && hub.containsKey("jupyterhub"));
    }

    @Test
    void hubConfigIsValidPythonEvenForAwkwardValues(@TempDir Path dir) throws Exception {
        String config = file(render("""
                users: {admin: [ada, "bob\\"); import os; os.system('id') #"]}
                limits: {memory: 512M, cpu: 0.5}
                user_environment: {default_app: notebook}
                services: {cull: {enabled: false}}
                """), "/opt/littlehub/config/jupyterhub_config.py");
        assertTrue(config.contains("c.Spawner.default_url = \"/tree\""));
        assertTrue(config.contains("cpu_limit = float(0.5)"), config);
        assertTrue(config.contains("idle culling is off"));
        Path py = dir.resolve("jupyterhub_config.py");
        Files.writeString(py, config);
        // Parse it with Python: a quoting mistake would be a syntax error, or an extra statement in the module.
        Process p = new ProcessBuilder("python3", "-c", """
                import ast, sys
                tree = ast.parse(open(sys.argv[1]).read())
                admins = [n for n in ast.walk(tree) if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == 'c.Authenticator.admin_users']
                call = admins[0].value
                print(ast.unparse(call.func) == 'set' and set(ast.literal_eval(call.args[0])) == {'ada', 'bob"); import os; os.system(\\'id\\') #'})
                """, py.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals("True", out, "the hostile admin name stays one string literal");
    }

    /** Every example config (valid, see ConfigValidatorTest) renders into a hub config, "no limit" included. */
    @Test
    void examplesAndNoLimitsRender() throws Exception {
        List<Path> examples;
        try (var files = Files.list(Path.of("..", "examples"))) {
            examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(examples.size() >= 1);
        for (Path example : examples) {
            String config = file(render(Files.readString(example)), "/opt/littlehub/config/jupyterhub_config.py");
            assertTrue(config.contains("c.SystemdSpawner.mem_limit = "), example + "\n" + config);
        }
        String unlimited = file(render("limits: {memory: null, cpu: ~}\n"), "/opt/littlehub/config/jupyterhub_config.py");
        assertTrue(!unlimited.contains("mem_limit") && !unlimited.contains("cpu_limit"), unlimited);
    }
}
