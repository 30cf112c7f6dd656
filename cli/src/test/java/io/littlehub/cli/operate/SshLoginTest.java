package io.littlehub.cli.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.LittlehubCommand;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.common.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshLoginTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ConfigContext context() {
        return new ConfigContext(
                new HubRegistry(dir),
                SshOptions.defaults(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ScriptedPrompter(),
                Map.of());
    }

    @Test
    void withoutSshTheTeacherIsToldWhatToInstall() {
        new HubRegistry(dir).remember(new Hub("class", "203.0.113.7", 22, "ubuntu", null, "http://203.0.113.7/"));
        int exit = new SshLogin(context(), "littlehub-test-no-such-ssh").run(null, List.of("true"));
        assertEquals(ExitCodes.FAILED, exit);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(
                e.contains("cannot run `littlehub-test-no-such-ssh`") && e.contains("apt install openssh-client"), e);
    }

    @Test
    void withoutAHubNothingRuns() {
        picocli.CommandLine cl = LittlehubCommand.commandLine(this::context);
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCodes.USAGE, cl.execute("ssh"));
        assertTrue(
                err.toString(StandardCharsets.UTF_8).contains("run `littlehub provision USER@HOST` first"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theOutputAndExitCodeOfSshArePassedThrough() {
        new HubRegistry(dir).remember(new Hub("class", "203.0.113.7", 22, "ubuntu", null, "http://203.0.113.7/"));
        // echo and false stand in for ssh: echo shows the arguments ssh gets, false exits 1.
        assertEquals(0, new SshLogin(context(), "echo").run(null, List.of("hostname")));
        assertEquals("-p 22 -l ubuntu -- 203.0.113.7 hostname\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(1, new SshLogin(context(), "false").run(null, List.of()));
    }

    @Test
    void aHubWithItsOwnKnownHostsIsCheckedAgainstThatFile() {
        // `try` remembers its hub so: later commands (ssh here, every other through HubConnections) trust that file.
        new HubRegistry(dir)
                .remember(new Hub(
                        "littlehub-try",
                        "127.0.0.1",
                        42010,
                        "tester",
                        null,
                        "http://127.0.0.1:42011/",
                        "/vms/littlehub-try/known_hosts"));
        assertEquals(0, new SshLogin(context(), "echo").run(null, List.of("true")));
        assertEquals(
                "-p 42010 -o UserKnownHostsFile=\"/vms/littlehub-try/known_hosts\" -l tester -- 127.0.0.1 true\n",
                out.toString(StandardCharsets.UTF_8));
    }
}
