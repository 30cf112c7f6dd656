package io.littlehub.cli.commands;

import io.littlehub.cli.LittlehubCommand;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.cli.transport.SshOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** `littlehub ARGS` on a laptop that knows no hub yet (registry in {@code home}): the exit code, and stderr kept. */
final class LaptopCommands {
    private final Path home;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    LaptopCommands(Path home) {
        this.home = home;
    }

    int littlehub(String... args) {
        err.reset();
        picocli.CommandLine cl = LittlehubCommand.commandLine(() -> new ConfigContext(
                new HubRegistry(home),
                SshOptions.defaults(),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ScriptedPrompter(),
                Map.of()));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        return cl.execute(args);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
