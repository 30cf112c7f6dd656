package io.littlehub.cli.hubconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.LittlehubCommand;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.remote.AgentOptions;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.common.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `littlehub config`'s command line and the parts that need no VM. */
class ConfigCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int config(String... args) {
        ConfigContext ctx = new ConfigContext(
                new HubRegistry(dir.resolve("registry")),
                SshOptions.defaults()
                        .withHome(dir)
                        .withKnownHosts(dir.resolve("known_hosts"))
                        .withAgentSocket(null)
                        .withConnectTimeoutMillis(3000),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                ScriptedPrompter.nobody(),
                Map.of("USER", "teacher"));
        CommandLine cl = LittlehubCommand.commandLine(() -> ctx);
        cl.setErr(new PrintWriter(ctx.err(), true));
        String[] all = new String[args.length + 1];
        all[0] = "config";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
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
        assertTrue(
                err().contains("no hub is known on this laptop yet: run `littlehub provision USER@HOST` first"), err());
    }

    @Test
    void hubNamesWorkBeforeAndAfterTheVerb() {
        new HubRegistry(dir.resolve("registry"))
                .remember(new Hub("class-a", "203.0.113.7", 22, "ubuntu", null, "http://203.0.113.7/"));
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
        new HubRegistry(dir.resolve("registry"))
                .remember(new Hub("gone", "127.0.0.1", port, "tester", null, "http://127.0.0.1/"));
        assertEquals(ExitCodes.UNREACHABLE, config("history"));
        assertTrue(err().startsWith("littlehub: "), err());
    }

    @Test
    void validateRunsOnTheLaptopWithTheFilesLines() throws Exception {
        Path bad = Files.writeString(dir.resolve("hub.yaml"), "users:\n  admin: [teacher]\nlimits:\n  memory: 2GB\n");
        assertEquals(ExitCodes.INVALID_CONFIG, config("validate", bad.toString()));
        assertEquals(
                bad
                        + ": line 4: limits.memory: \"2GB\" is not a size: use a number with K, M, G or T, like 512M or 2G\n",
                out());
        out.reset();
        Path good = Files.writeString(dir.resolve("good.yaml"), "limits:\n  memory: 2G\n");
        assertEquals(ExitCodes.OK, config("validate", good.toString()));
        assertEquals(good + ": valid\n", out());
        assertEquals(
                ExitCodes.USAGE, config("validate", dir.resolve("missing.yaml").toString()));
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, config("set", "limits.memory"));
        assertEquals(ExitCodes.USAGE, config("rollback", "two"));
        assertEquals(ExitCodes.USAGE, config("frobnicate"));
    }

    @Test
    void changesNameWhoMakesThem() {
        ConfigContext ctx = new ConfigContext(null, null, null, null, null, Map.of("USER", "ada"));
        AgentOptions o = new RemoteVerb(ctx).options("set", false, null);
        assertTrue(o.who().startsWith("ada@") && o.who().length() > 4, o.who());
        assertEquals(AgentOptions.NONE, new RemoteVerb(ctx).options("show", true, 5));
    }
}
