package io.littlehub.cli.guides;

import io.littlehub.cli.LittlehubCommand;
import io.littlehub.cli.hubconfig.ConfigContext;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs littlehub commands that need no VM (size, cloud-init) through the real command line, capturing what they print. */
public final class LocalLittlehub {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The exit code; what was printed accumulates in {@link #out()} and {@link #err()}. */
    public int run(String... args) {
        picocli.CommandLine cl = LittlehubCommand.commandLine(ConfigContext::fromEnvironment);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }
}
