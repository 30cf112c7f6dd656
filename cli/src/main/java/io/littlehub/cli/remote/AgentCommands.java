package io.littlehub.cli.remote;

import io.littlehub.common.config.Layout;
import java.util.ArrayList;
import java.util.List;

/** Argument lists for the agent on the VM, built in one place (like Kamal's commands/): never shell strings. */
public final class AgentCommands {
    private AgentCommands() {
    }

    /**
     * {@code littlehub-agent run PLAYBOOK --json …} with the agent this laptop pushed: converge the VM. {@code configPath} (null: keep the VM's config)
     * and {@code admins} make a new hub config, which the agent applies as {@code config apply} does: under the config
     * lock (held as {@code options.who()}), recorded in the history, rolled back when the hub does not come up.
     */
    public static List<String> runPlaybook(String playbook, String configPath, List<String> admins, boolean check, boolean diff, ConfigOptions options) {
        List<String> argv = agent(Layout.AGENT_JAR, List.of("run", playbook), options);
        if (check) {
            argv.add("--check");
        }
        if (diff) {
            argv.add("--diff");
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
     * {@code littlehub-agent config VERB [options] -- ARGS}: options first, then {@code --}, so a value such as
     * {@code -1G} stays a value. {@code json}, {@code waitSeconds} (null: the agent's default) and {@code who} only
     * matter for the verbs that change the config.
     */
    public static List<String> config(String verb, List<String> args, ConfigOptions options) {
        return withArgs(agent(List.of("config", verb), options), args);
    }

    private static List<String> withArgs(List<String> argv, List<String> args) {
        if (!args.isEmpty()) {
            argv.add("--");
            argv.addAll(args);
        }
        return argv;
    }

    /**
     * {@code littlehub-agent upgrade [--to VERSION]} with the agent this laptop pushed: it installs its own release
     * beside the hub's and switches to it.
     */
    public static List<String> upgrade(String toVersion, ConfigOptions options) {
        List<String> argv = agent(Layout.AGENT_JAR, List.of("upgrade"), options);
        if (toVersion != null) {
            argv.add("--to");
            argv.add(toVersion);
        }
        return argv;
    }

    /** The hub's own agent (its release's): every command but provision and upgrade. */
    private static List<String> agent(List<String> command, ConfigOptions options) {
        return agent(Layout.CURRENT_AGENT_JAR, command, options);
    }

    /**
     * {@code littlehub-agent COMMAND…} and the options of a change. The agent runs in a UTF-8 locale: a fresh VM has
     * none, and Java would then read every non-ASCII argument (a name like "аlice" with a Cyrillic а) as "?".
     */
    private static List<String> agent(String jar, List<String> command, ConfigOptions options) {
        List<String> argv = new ArrayList<>(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", jar));
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

    /**
     * {@code littlehub-agent COMMAND… [options] -- ARGS} for the roster commands (add-student, remove-student, students,
     * add-admin, remove-admin, reset-password) and the users' environment's ({@code env install}, …): options first,
     * names and packages after {@code --}, so none is read as an option.
     */
    public static List<String> verb(List<String> command, List<String> commandOptions, ConfigOptions options, List<String> args) {
        List<String> argv = agent(command, options);
        argv.addAll(commandOptions);
        if (!args.isEmpty()) {
            argv.add("--");
            argv.addAll(args);
        }
        return argv;
    }

    /**
     * {@code littlehub-agent passwords --json [--set-from-stdin [--if-unset]] -- NAMES} with the hub's agent: which
     * names have a FirstUse password, or set them from stdin (one line per name; never in argv).
     */
    public static List<String> passwords(List<String> names, boolean set, boolean ifUnset) {
        List<String> options = new ArrayList<>();
        if (set) {
            options.add("--set-from-stdin");
            if (ifUnset) {
                options.add("--if-unset");
            }
        }
        return verb(List.of("passwords"), options, new ConfigOptions(true, null, null), names);
    }

    /** {@code littlehub-agent config VERB ARGS} for the verbs that only read (show, get, history). */
    public static List<String> configRead(String verb, String... args) {
        return config(verb, List.of(args), ConfigOptions.NONE);
    }

    /**
     * {@code config set --value-stdin … -- KEY}: the value follows on stdin, out of the VM's process list and sudo's
     * log.
     */
    public static List<String> configSetFromStdin(String key, ConfigOptions options) {
        return withArgs(agent(List.of("config", "set", "--value-stdin"), options), List.of(key));
    }

    /** {@code config show|get --show-secrets …}: secret values as they are (the agent masks them otherwise). */
    public static List<String> configReadWithSecrets(String verb, String... args) {
        return withArgs(agent(List.of("config", verb, "--show-secrets"), ConfigOptions.NONE), List.of(args));
    }

    /** The options of a config change: JSON events, how long to wait for the lock, who holds it. */
    public record ConfigOptions(boolean json, Integer waitSeconds, String who) {
        public static final ConfigOptions NONE = new ConfigOptions(false, null, null);
    }

    /**
     * {@code littlehub-agent backup --to-stdout --hub NAME (--passphrase-stdin | --no-secrets) [--since-stdin]}: the
     * archive on stdout; with a passphrase, it is stdin's first line; with {@code since}, the earlier archive's
     * manifest follows on stdin.
     */
    public static List<String> backup(String hubName, boolean secrets, boolean since) {
        List<String> argv = agent(List.of("backup", "--to-stdout", "--hub", hubName), ConfigOptions.NONE);
        argv.add(secrets ? "--passphrase-stdin" : "--no-secrets");
        if (since) {
            argv.add("--since-stdin");
        }
        return argv;
    }

    /** {@code littlehub-agent restore --from-stdin [--passphrase-stdin | --no-secrets]}: the archive on stdin (after the passphrase line). */
    public static List<String> restore(boolean secrets) {
        List<String> argv = agent(List.of("restore", "--from-stdin"), ConfigOptions.NONE);
        argv.add(secrets ? "--passphrase-stdin" : "--no-secrets");
        return argv;
    }

    /** apt-get through env, because sudo drops the caller's environment. */
    public static List<String> aptInstall(String... packages) {
        List<String> argv = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", "--no-install-recommends"));
        argv.addAll(List.of(packages));
        return argv;
    }

    public static List<String> aptUpdate() {
        return List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "update", "-q");
    }
}
