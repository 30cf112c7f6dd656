package io.littlehub.cli.z2jh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A Python venv with what the chart's hub image runs (JupyterHub at the chart's appVersion, KubeSpawner, the
 * authenticators, pycurl for the chart's HTTP client), from PyPI, made once and kept in
 * ~/.cache/littlehub/z2jh-hub-venv-HASH (the pins' hash), so CI and later runs reuse it; and a run of the chart's own
 * jupyterhub_config.py + z2jh.py (copies, their /usr/local/etc/jupyterhub pointed at a temporary folder, which holds
 * what the chart's hub Secret and ConfigMap would mount) on exported values.
 */
final class ChartHubVenv {
    static final List<String> PINS = List.of(
            "jupyterhub==" + MigrationNotes.CHART_APP_VERSION,
            "jupyterhub-kubespawner==7.1.0",
            "oauthenticator==17.4.0",
            "jupyterhub-ldapauthenticator==2.0.2",
            "jupyterhub-firstuseauthenticator==1.1.1",
            "pycurl==7.49.0",
            "PyYAML==6.0.4");
    private static final String CHART_ETC = "/usr/local/etc/jupyterhub";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartHubVenv() {}

    /** The venv's python, made when missing; the test is skipped, saying why, when this machine has no python3-venv. */
    static synchronized Path python() throws Exception {
        String key = HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(String.join("\n", PINS).getBytes(StandardCharsets.UTF_8)))
                .substring(0, 12);
        Path venv = Path.of(System.getProperty("user.home"), ".cache/littlehub/z2jh-hub-venv-" + key);
        Path python = venv.resolve("bin/python");
        if (Files.isExecutable(python)) {
            return python;
        }
        Files.createDirectories(venv.getParent());
        Path building = venv.resolveSibling(
                venv.getFileName() + ".building-" + ProcessHandle.current().pid());
        Assumptions.assumeTrue(
                run(List.of("python3", "-m", "venv", building.toString()), null, 120)
                                .exit()
                        == 0,
                "python3 -m venv failed: this machine lacks python3-venv (bin/test --yes installs it)");
        List<String> pip =
                new ArrayList<>(List.of(building + "/bin/pip", "install", "-q", "--disable-pip-version-check"));
        pip.addAll(PINS);
        Run r = run(pip, null, 900);
        if (r.exit() != 0) {
            throw new IllegalStateException("pip install " + PINS + " failed: " + r.output());
        }
        // Scripts hold the venv's path in their first line: the python used here is called by path, which stays.
        Files.move(building, venv, StandardCopyOption.ATOMIC_MOVE);
        return python;
    }

    /** Builds KubeSpawner's settings for {@code users} from the export, as the chart's hub would; the JSON it printed. */
    static JsonNode settings(ExportFiles.Export export, Path work, List<String> users) throws Exception {
        Path python = python();
        Path etc = work.resolve("etc");
        Path hub = work.resolve("hub");
        Files.createDirectories(etc.resolve("config"));
        Files.createDirectories(etc.resolve("secret"));
        Files.createDirectories(hub);
        for (String file : List.of("jupyterhub_config.py", "z2jh.py")) {
            String text = Files.readString(ChartFixture.chart().resolve(file));
            if (!text.contains(CHART_ETC)) {
                throw new IllegalStateException(file + " no longer reads " + CHART_ETC + ": see how it loads values");
            }
            Files.writeString(hub.resolve(file), text.replace(CHART_ETC, etc.toString()));
        }
        // The chart's hub Secret: the values (with its Chart and Release), and the secrets the hub reads by key.
        Map<String, Object> values = ChartFixture.helmValues(export);
        values.put("Chart", Map.of("Name", "jupyterhub", "Version", "0.0.1-set.by.chartpress"));
        values.put("Release", Map.of("Name", "littlehub", "Namespace", "littlehub"));
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(etc.resolve("secret/values.yaml"), new Yaml(o).dump(values));
        Map<?, ?> hubValues = (Map<?, ?>) values.get("hub");
        Object cookie = hubValues.get("cookieSecret");
        Files.writeString(
                etc.resolve("secret/hub.config.JupyterHub.cookie_secret"),
                cookie == null ? "00".repeat(32) : cookie.toString());
        Files.writeString(etc.resolve("secret/hub.config.CryptKeeper.keys"), "11".repeat(32));
        // The chart's hub ConfigMap names its resources (the release's full names).
        for (String name : List.of("hub", "proxy-api", "proxy-public", "user-scheduler", "singleuser")) {
            Files.writeString(etc.resolve("config").resolve(name), name);
        }
        Path script = work.resolve("hub_settings.py");
        Files.copy(Path.of("src/test/resources/z2jh/hub_settings.py"), script, StandardCopyOption.REPLACE_EXISTING);
        List<String> argv = new ArrayList<>(List.of(
                python.toString(),
                script.toString(),
                hub.resolve("jupyterhub_config.py").toString()));
        argv.addAll(users);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PROXY_API_SERVICE_PORT", "8001");
        env.put("HUB_SERVICE_PORT", "8081");
        env.put("POD_NAMESPACE", "littlehub");
        // KubeSpawner reads a cluster's address at creation (nothing is sent): one that is never reached.
        Path kubeconfig = work.resolve("kubeconfig");
        Files.writeString(
                kubeconfig,
                String.join(
                        "\n",
                        "apiVersion: v1",
                        "kind: Config",
                        "current-context: none",
                        "clusters: [{name: none, cluster: {server: 'https://127.0.0.1:9'}}]",
                        "users: [{name: none, user: {token: none}}]",
                        "contexts: [{name: none, context: {cluster: none, user: none}}]",
                        ""));
        env.put("KUBECONFIG", kubeconfig.toString());
        Run r = run(argv, env, 120);
        if (r.exit() != 0) {
            throw new IllegalStateException("the chart's hub config failed on the export: " + r.output());
        }
        String out = r.output().strip();
        return JSON.readTree(out.substring(out.lastIndexOf("\n{") + 1));
    }

    record Run(int exit, String output) {}

    static Run run(List<String> argv, Map<String, String> env, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        if (env != null) {
            pb.environment().putAll(env);
        }
        Path log = Files.createTempFile("z2jh-run", ".log");
        try {
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(argv.get(0) + " did not end within " + seconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
