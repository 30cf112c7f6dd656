package io.littlehub.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code littlehub-agent}: the tool that runs on the VM, pushed there by the laptop CLI or used by an admin logged in. */
@Command(name = "littlehub-agent", mixinStandardHelpOptions = true, versionProvider = AgentMain.Version.class,
        description = "littlehub's agent on the hub VM.",
        subcommands = {FactsCommand.class, RunCommand.class})
public final class AgentMain {
    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentMain()).execute(args));
    }

    static String version() {
        try (InputStream in = AgentMain.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"littlehub-agent " + version()};
        }
    }
}
