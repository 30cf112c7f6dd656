package io.littlehub.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.LittlehubCommand;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.common.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger contexts = new AtomicInteger();

    private picocli.CommandLine commandLine() {
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        picocli.CommandLine cl = LittlehubCommand.commandLine(() -> {
            contexts.incrementAndGet();
            return new ConfigContext(
                    new HubRegistry(dir),
                    SshOptions.defaults(),
                    new PrintStream(new ByteArrayOutputStream()),
                    e,
                    new ScriptedPrompter(),
                    Map.of());
        });
        cl.setErr(new PrintWriter(e, true));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl;
    }

    @Test
    void everyVerbRunsInTheGivenContextWithItsHubOptions() {
        for (String[] args : new String[][] {
            {"env", "install", "--hub", "x", "--json", "--wait", "5", "--", "numpy==2.1", "--pre"},
            {"env", "remove", "--", "six"},
            {"env", "list", "--json"},
            {"env", "freeze"},
            {"env", "rebuild", "3"},
            {"env", "rebuild", "--pins"},
            {"env", "history"},
            {"env", "history", "2"}
        }) {
            int before = contexts.get();
            err.reset();
            commandLine().execute(args);
            assertEquals(before + 1, contexts.get(), "the test's context, not the laptop's: " + String.join(" ", args));
            // Parsed, then the hub was looked up in the (empty) test registry.
            assertTrue(
                    err.toString(StandardCharsets.UTF_8).contains("no hub is known on this laptop yet"),
                    String.join(" ", args) + ": " + err);
        }
    }

    @Test
    void installNeedsAPackage() {
        assertEquals(ExitCodes.USAGE, commandLine().execute("env", "install"));
        assertEquals(0, contexts.get());
    }
}
