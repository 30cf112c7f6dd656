package io.littlehub.cli.remote;

import java.util.ArrayList;
import java.util.List;

/** {@code littlehub-agent backup …} and {@code restore …}, with the hub's own agent. */
public final class BackupCommands {
    private BackupCommands() {}

    /**
     * {@code backup --to-stdout --hub NAME (--passphrase-stdin | --no-secrets) [--since-stdin]}: the archive on
     * stdout; with a passphrase, it is stdin's first line; with {@code since}, the earlier archive's manifest
     * follows on stdin.
     */
    public static List<String> toStdout(String hubName, boolean secrets, boolean since) {
        List<String> options = new ArrayList<>(List.of("--to-stdout", "--hub", hubName));
        options.add(secrets ? "--passphrase-stdin" : "--no-secrets");
        if (since) {
            options.add("--since-stdin");
        }
        return AgentCommands.hubAgent(List.of("backup"), options, AgentOptions.NONE, List.of());
    }

    /**
     * {@code restore --from-stdin (--passphrase-stdin | --no-secrets) [--who USER@LAPTOP]}: the archive on stdin
     * (after the passphrase line); {@code --who} names the teacher to anyone waiting for the hub's change lock.
     */
    public static List<String> restore(boolean secrets, AgentOptions options) {
        return AgentCommands.hubAgent(
                List.of("restore"),
                List.of("--from-stdin", secrets ? "--passphrase-stdin" : "--no-secrets"),
                options,
                List.of());
    }

    /** {@code backup --schedule off|daily|weekly [--keep N]}: the hub backs itself up (a config change). */
    public static List<String> schedule(String schedule, Integer keep, AgentOptions options) {
        List<String> scheduleOptions = new ArrayList<>(List.of("--schedule", schedule));
        if (keep != null) {
            scheduleOptions.addAll(List.of("--keep", keep.toString()));
        }
        return AgentCommands.hubAgent(List.of("backup"), scheduleOptions, options, List.of());
    }
}
