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
