package io.littlehub.cli.remote;

import io.littlehub.agent.config.Layout;
import java.util.ArrayList;
import java.util.List;

/** Argument lists for the agent on the VM, built in one place (like Kamal's commands/): never shell strings. */
public final class AgentCommands {
    private AgentCommands() {
    }

    public static List<String> runPlaybook(String playbook, String configPath, boolean check, boolean diff) {
        List<String> argv = new ArrayList<>(List.of("java", "-jar", Layout.AGENT_JAR, "run", playbook, "--json", "--config", configPath));
        if (check) {
            argv.add("--check");
        }
        if (diff) {
            argv.add("--diff");
        }
        return argv;
    }

    /**
     * {@code littlehub-agent config VERB [options] -- ARGS}: options first, then {@code --}, so a value such as
     * {@code -1G} stays a value. {@code json}, {@code waitSeconds} (null: the agent's default) and {@code who} only
     * matter for the verbs that change the config.
     */
    public static List<String> config(String verb, List<String> args, ConfigOptions options) {
        List<String> argv = new ArrayList<>(List.of("java", "-jar", Layout.AGENT_JAR, "config", verb));
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
        if (!args.isEmpty()) {
            argv.add("--");
            argv.addAll(args);
        }
        return argv;
    }

    /** {@code littlehub-agent config VERB ARGS} for the verbs that only read (show, get, history). */
    public static List<String> configRead(String verb, String... args) {
        return config(verb, List.of(args), ConfigOptions.NONE);
    }

    /** The options of a config change: JSON events, how long to wait for the lock, who holds it. */
    public record ConfigOptions(boolean json, Integer waitSeconds, String who) {
        public static final ConfigOptions NONE = new ConfigOptions(false, null, null);
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
