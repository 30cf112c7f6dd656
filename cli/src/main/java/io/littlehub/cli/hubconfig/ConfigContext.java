package io.littlehub.cli.hubconfig;

import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.ConsolePrompter;
import io.littlehub.cli.transport.Prompter;
import io.littlehub.cli.transport.SshOptions;
import java.io.PrintStream;
import java.util.Map;

/**
 * Everything a {@code littlehub config} verb needs from the outside world, in one value so tests can point it at a
 * temporary hub registry, a test VM's known_hosts, captured output, scripted answers and a fake editor.
 *
 * @param env the environment ({@code VISUAL}, {@code EDITOR}, {@code PATH}, {@code USER})
 */
public record ConfigContext(
        HubRegistry registry,
        SshOptions ssh,
        PrintStream out,
        PrintStream err,
        Prompter prompter,
        Map<String, String> env) {

    /**
     * The teacher's real laptop: ~/.config/littlehub, ~/.ssh, the terminal; a connection kept between commands as
     * {@code LITTLEHUB_KEEP_CONNECTION} says (default 60 idle seconds).
     */
    public static ConfigContext fromEnvironment() {
        return new ConfigContext(
                HubRegistry.fromEnvironment(),
                SshOptions.defaults().withKeepConnection(System.getenv("LITTLEHUB_KEEP_CONNECTION")),
                System.out,
                System.err,
                new ConsolePrompter(),
                System.getenv());
    }

    /** The same context, its output (and errors) going to other streams: a file, or one hub's prefixed lines. */
    public ConfigContext withOutput(PrintStream out, PrintStream err) {
        return new ConfigContext(registry, ssh, out, err, prompter, env);
    }

    /** The same context asking through {@code p}, also for the SSH connection (host keys, passphrases, sudo). */
    public ConfigContext withPrompter(Prompter p) {
        return new ConfigContext(registry, ssh == null ? null : ssh.withPrompter(p), out, err, p, env);
    }
}
