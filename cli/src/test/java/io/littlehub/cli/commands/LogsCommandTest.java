package io.littlehub.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.ExitCodes;
import io.littlehub.cli.LittlehubCommand;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.cli.transport.SshOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, logs and ssh parse and run in the given context; logs refuses a bad name or time before looking for the hub. */
class LogsCommandTest {
    private static final String NO_HUB = "no hub is known on this laptop yet";
    @TempDir Path dir;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int littlehub(String... args) {
        err.reset();
        picocli.CommandLine cl = LittlehubCommand.commandLine(() -> new ConfigContext(new HubRegistry(dir), SshOptions.defaults(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), new ScriptedPrompter(), Map.of()));
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBadNameIsRefusedWithTheReasonBeforeAnythingConnects() {
        assertEquals(ExitCodes.USAGE, littlehub("logs", "$(reboot)"));
        assertTrue(err().contains("\"$(reboot)\" is not a user name: it contains \"$\", \"(\", \")\"") && !err().contains(NO_HUB), err());
        assertEquals(ExitCodes.USAGE, littlehub("logs", "--student", "a b"));
        assertTrue(err().contains("a space"), err());
    }

    @Test
    void aBadTimeIsRefusedNamingTheAcceptedForms() {
        assertEquals(ExitCodes.USAGE, littlehub("logs", "hub", "--since", "yesterday-ish"));
        assertTrue(err().contains("--since \"yesterday-ish\"") && err().contains("30m, 1h, 2d") && !err().contains(NO_HUB), err());
    }

    @Test
    void everyCommandLooksForItsHubInTheGivenContext() {
        for (String[] args : new String[][] {{"status"}, {"status", "--json", "--hub", "x"}, {"logs"}, {"logs", "ada", "-f", "--since", "2d", "-n", "5"},
                {"ssh"}, {"ssh", "--hub", "x", "--", "cat", "/etc/hostname"}}) {
            assertEquals(ExitCodes.USAGE, littlehub(args), String.join(" ", args));
            assertTrue(err().contains(NO_HUB), String.join(" ", args) + ": " + err());
        }
    }
}
