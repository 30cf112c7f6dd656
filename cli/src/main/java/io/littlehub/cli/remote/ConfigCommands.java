package io.littlehub.cli.remote;

import java.util.List;

/** {@code littlehub-agent config …}: the hub config's verbs, with the hub's own agent. */
public final class ConfigCommands {
    private ConfigCommands() {}

    /**
     * {@code littlehub-agent config VERB [options] -- ARGS}: {@code options} only matter for the verbs that change the
     * config (set, unset, add-item, remove-item, rollback, apply).
     */
    public static List<String> config(String verb, List<String> args, AgentOptions options) {
        return config(verb, args, options, List.of());
    }

    /** The same with the options of a change that may restart the hub ({@code --yes}, {@code --when-idle} …). */
    public static List<String> config(String verb, List<String> args, AgentOptions options, List<String> restart) {
        return AgentCommands.hubAgent(List.of("config", verb), restart, options, args);
    }

    /** {@code littlehub-agent config VERB -- ARGS} for the verbs that only read (show, get, history). */
    public static List<String> read(String verb, String... args) {
        return config(verb, List.of(args), AgentOptions.NONE);
    }

    /** {@code config show|get --show-secrets -- ARGS}: secret values as they are (the agent masks them otherwise). */
    public static List<String> readWithSecrets(String verb, String... args) {
        return AgentCommands.hubAgent(
                List.of("config", verb, "--show-secrets"), List.of(), AgentOptions.NONE, List.of(args));
    }

    /**
     * {@code config set --value-stdin … -- KEY}: the value follows on stdin, out of the VM's process list and sudo's
     * log.
     */
    public static List<String> setFromStdin(String key, AgentOptions options, List<String> restart) {
        return AgentCommands.hubAgent(List.of("config", "set", "--value-stdin"), restart, options, List.of(key));
    }

    /** {@code config apply FILE}: a whole file, uploaded to the VM, becomes the config. */
    public static List<String> apply(String remoteFile, AgentOptions options) {
        return apply(remoteFile, options, List.of());
    }

    /** The same with the options of a change that may restart the hub. */
    public static List<String> apply(String remoteFile, AgentOptions options, List<String> restart) {
        return config("apply", List.of(remoteFile), options, restart);
    }
}
