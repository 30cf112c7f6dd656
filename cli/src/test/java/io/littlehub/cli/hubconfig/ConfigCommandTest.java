package io.littlehub.cli.hubconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.ExitCodes;
import io.littlehub.cli.commands.ConfigCommand;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.remote.AgentCommands;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.cli.transport.SshOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `littlehub config`'s command line and the parts that need no VM. */
class ConfigCommandTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int config(String... args) {
        ConfigContext ctx = new ConfigContext(new HubRegistry(dir.resolve("registry")),
                SshOptions.defaults().withHome(dir).withKnownHosts(dir.resolve("known_hosts")).withAgentSocket(null).withConnectTimeoutMillis(3000),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                ScriptedPrompter.nobody(), Map.of("USER", "teacher"));
        CommandLine cl = new CommandLine(new ConfigCommand(() -> ctx));
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutAKnownHubItSaysToProvisionFirst() {
        assertEquals(ExitCodes.USAGE, config("set", "limits.memory", "2G"));
        assertTrue(err().contains("no hub is known on this laptop yet: run `littlehub provision USER@HOST` first"), err());
    }

    @Test
    void hubNamesWorkBeforeAndAfterTheVerb() {
        new HubRegistry(dir.resolve("registry")).remember(new Hub("class-a", "203.0.113.7", 22, "ubuntu", null, "http://203.0.113.7/"));
        assertEquals(ExitCodes.USAGE, config("--hub", "class-b", "show"));
        assertEquals(ExitCodes.USAGE, config("get", "limits.memory", "--hub", "class-b"));
        assertEquals(2, err().split("no hub named class-b on this laptop \\(known: class-a\\)", -1).length - 1, err());
    }

    @Test
    void anUnreachableHubIsExitThree() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        new HubRegistry(dir.resolve("registry")).remember(new Hub("gone", "127.0.0.1", port, "tester", null, "http://127.0.0.1/"));
        assertEquals(ExitCodes.UNREACHABLE, config("history"));
        assertTrue(err().startsWith("littlehub: "), err());
    }

    @Test
    void validateRunsOnTheLaptopWithTheFilesLines() throws Exception {
        Path bad = Files.writeString(dir.resolve("hub.yaml"), "users:\n  admin: [teacher]\nlimits:\n  memory: 2GB\n");
        assertEquals(ExitCodes.INVALID_CONFIG, config("validate", bad.toString()));
        assertEquals(bad + ": line 4: limits.memory: \"2GB\" is not a size: use a number with K, M, G or T, like 512M or 2G\n", out());
        out.reset();
        Path good = Files.writeString(dir.resolve("good.yaml"), "limits:\n  memory: 2G\n");
        assertEquals(ExitCodes.OK, config("validate", good.toString()));
        assertEquals(good + ": valid\n", out());
        assertEquals(ExitCodes.USAGE, config("validate", dir.resolve("missing.yaml").toString()));
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, config("set", "limits.memory"));
        assertEquals(ExitCodes.USAGE, config("rollback", "two"));
        assertEquals(ExitCodes.USAGE, config("frobnicate"));
    }

    @Test
    void agentArgvPutsOptionsBeforeTheValues() {
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/current/littlehub-agent.jar", "config", "set", "--json", "--wait", "0",
                        "--who", "ada@laptop", "--", "limits.memory", "-1G"),
                AgentCommands.config("set", List.of("limits.memory", "-1G"), new AgentCommands.ConfigOptions(true, 0, "ada@laptop")));
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/current/littlehub-agent.jar", "config", "show"), AgentCommands.configRead("show"));
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/current/littlehub-agent.jar", "config", "get", "--", "limits.memory"),
                AgentCommands.configRead("get", "limits.memory"));
    }

    @Test
    void secretsAreShownOnlyWhenAskedForAndASecretValueIsNeverAnArgument() {
        List<String> agent = List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/current/littlehub-agent.jar");
        assertEquals(concat(agent, List.of("config", "get", "--show-secrets", "--", "auth.client_secret")),
                AgentCommands.configReadWithSecrets("get", "auth.client_secret"));
        List<String> set = AgentCommands.configSetFromStdin("auth.admin_password", new AgentCommands.ConfigOptions(true, null, "ada@laptop"));
        assertEquals(concat(agent, List.of("config", "set", "--value-stdin", "--json", "--who", "ada@laptop", "--", "auth.admin_password")), set);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void changesNameWhoMakesThem() {
        ConfigContext ctx = new ConfigContext(null, null, null, null, null, Map.of("USER", "ada"));
        AgentCommands.ConfigOptions o = new RemoteVerb(ctx).options("set", false, null);
        assertTrue(o.who().startsWith("ada@") && o.who().length() > 4, o.who());
        assertEquals(AgentCommands.ConfigOptions.NONE, new RemoteVerb(ctx).options("show", true, 5));
    }
}
