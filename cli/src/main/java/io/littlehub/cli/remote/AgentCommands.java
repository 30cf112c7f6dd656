package io.littlehub.cli.remote;

import io.littlehub.common.config.Layout;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code littlehub-agent …}: which jar runs a command, and the options and arguments every command shares. The
 * builders of each concern ({@link ConfigCommands}, {@link RosterCommands}, …) start from here; {@code run provision}
 * and {@code upgrade} live here too, as the only commands of the agent this laptop pushed.
 */
public final class AgentCommands {
    private AgentCommands() {}

    /**
     * {@code littlehub-agent run PLAYBOOK --json …} with the agent this laptop pushed: converge the VM.
     * {@code configPath} (null: keep the VM's config) and {@code admins} make a new hub config, which the agent
     * applies as {@code config apply} does: under the config lock (held as {@code options.who()}), recorded in the
     * history, rolled back when the hub does not come up. {@code holdHttps}: the HTTPS front is left stopped (a restore
     * brings its ACME account and certificates first).
     */
    public static List<String> runPlaybook(
            String playbook,
            String configPath,
            List<String> admins,
            boolean check,
            boolean diff,
            boolean holdHttps,
            AgentOptions options) {
        List<String> argv = agent(Layout.AGENT_JAR, List.of("run", playbook), options);
        if (check) {
            argv.add("--check");
        }
        if (diff) {
            argv.add("--diff");
        }
        if (holdHttps) {
            argv.add("--hold-https");
        }
        if (configPath != null) {
            argv.add("--config");
            argv.add(configPath);
        }
        for (String admin : admins) {
            argv.add("--admin");
            argv.add(admin);
        }
        return argv;
    }

    /**
     * {@code littlehub-agent upgrade [--to VERSION]} with the agent this laptop pushed: it installs its own release
     * beside the hub's and switches to it.
     */
    public static List<String> upgrade(String toVersion, AgentOptions options, List<String> restart) {
        List<String> argv = agent(Layout.AGENT_JAR, List.of("upgrade"), options);
        argv.addAll(restart);
        if (toVersion != null) {
            argv.add("--to");
            argv.add(toVersion);
        }
        return argv;
    }

    /**
     * {@code littlehub-agent rollback}: the hub's agent goes back to the release before the last upgrade;
     * {@code restart}: the options of a change that restarts the hub ({@code --yes}, {@code --when-idle} …).
     */
    public static List<String> rollback(AgentOptions options, List<String> restart) {
        return hubAgent(List.of("rollback"), restart, options, List.of());
    }

    /**
     * {@code littlehub-agent COMMAND… [options] [commandOptions] -- ARGS} with the hub's own agent (its release's), for
     * every command but provision and upgrade: options first, then {@code --}, so a name, a package or a value such as
     * {@code -1G} is never read as an option.
     */
    static List<String> hubAgent(
            List<String> command, List<String> commandOptions, AgentOptions options, List<String> args) {
        List<String> argv = agent(Layout.CURRENT_AGENT_JAR, command, options);
        argv.addAll(commandOptions);
        if (!args.isEmpty()) {
            argv.add("--");
            argv.addAll(args);
        }
        return argv;
    }

    /**
     * {@code littlehub-agent COMMAND…} and the options of a change. The agent runs in a UTF-8 locale: a fresh VM has
     * none, and Java would then read every non-ASCII argument (a name like "аlice" with a Cyrillic а) as "?". Its JVM
     * starts fast: the jar's class-data archive ({@code JAR.jsa}, which provision makes; a missing or stale one is
     * skipped, silently: the JVM would print that on stdout, among the events), and only the quick compiler (the
     * agent's time goes to the programs it runs, not to its own code).
     */
    private static List<String> agent(String jar, List<String> command, AgentOptions options) {
        List<String> argv = new ArrayList<>(List.of(
                "env",
                "LC_ALL=C.UTF-8",
                "java",
                "-XX:SharedArchiveFile=" + jar + ".jsa",
                "-Xlog:cds*=off",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar));
        argv.addAll(command);
        if (options.json()) {
            argv.add("--json");
        }
        if (options.waitSeconds() != null) {
            argv.add("--wait");
            argv.add(Integer.toString(options.waitSeconds()));
        }
        if (options.who() != null) {
            argv.add("--who");
            argv.add(options.who());
        }
        return argv;
    }
}
