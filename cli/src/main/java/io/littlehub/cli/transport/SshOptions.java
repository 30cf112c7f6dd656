package io.littlehub.cli.transport;

import java.nio.file.Path;

/**
 * How to connect, beyond the target: where the teacher's ~/.ssh lives, who to ask, whether to accept a new host key
 * without asking ({@code --yes}), which ssh-agent to use. {@link #defaults()} reads the real environment; tests use
 * the withers to point everything at temporary files.
 *
 * @param knownHosts null: {@code UserKnownHostsFile} from the config, else ~/.ssh/known_hosts
 * @param agentSocket null: no ssh-agent
 * @param yesOption the running command's option that accepts a new host key ({@code --yes}), named in the refusal
 *     without a terminal; null: the command has none
 * @param keepConnection how many idle seconds a connection is kept for the next command ({@link ConnectionHolder}):
 *     {@code LITTLEHUB_KEEP_CONNECTION}'s value, "0" off (the default here: tests connect directly), null 60
 */
public record SshOptions(
        Path home,
        Path sshConfig,
        Path knownHosts,
        Prompter prompter,
        boolean acceptNewHostKeys,
        String agentSocket,
        int connectTimeoutMillis,
        String localUser,
        String yesOption,
        String keepConnection) {

    public static SshOptions defaults() {
        Path home = Path.of(System.getProperty("user.home"));
        String sock = System.getenv("SSH_AUTH_SOCK");
        return new SshOptions(
                home,
                home.resolve(".ssh/config"),
                null,
                new ConsolePrompter(),
                false,
                sock == null || sock.isEmpty() ? null : sock,
                15_000,
                System.getProperty("user.name"),
                null,
                "0");
    }

    /** A home directory whose .ssh holds the config, known_hosts and default keys. */
    public SshOptions withHome(Path h) {
        return new SshOptions(
                h,
                h.resolve(".ssh/config"),
                knownHosts,
                prompter,
                acceptNewHostKeys,
                agentSocket,
                connectTimeoutMillis,
                localUser,
                yesOption,
                keepConnection);
    }

    public SshOptions withKnownHosts(Path p) {
        return new SshOptions(
                home,
                sshConfig,
                p,
                prompter,
                acceptNewHostKeys,
                agentSocket,
                connectTimeoutMillis,
                localUser,
                yesOption,
                keepConnection);
    }

    public SshOptions withPrompter(Prompter p) {
        return new SshOptions(
                home,
                sshConfig,
                knownHosts,
                p,
                acceptNewHostKeys,
                agentSocket,
                connectTimeoutMillis,
                localUser,
                yesOption,
                keepConnection);
    }

    /** {@code --yes}: record a new host key without asking (a changed key is still refused). */
    public SshOptions withAcceptNewHostKeys(boolean yes) {
        return new SshOptions(
                home,
                sshConfig,
                knownHosts,
                prompter,
                yes,
                agentSocket,
                connectTimeoutMillis,
                localUser,
                yesOption,
                keepConnection);
    }

    public SshOptions withAgentSocket(String socket) {
        return new SshOptions(
                home,
                sshConfig,
                knownHosts,
                prompter,
                acceptNewHostKeys,
                socket,
                connectTimeoutMillis,
                localUser,
                yesOption,
                keepConnection);
    }

    public SshOptions withConnectTimeoutMillis(int ms) {
        return new SshOptions(
                home,
                sshConfig,
                knownHosts,
                prompter,
                acceptNewHostKeys,
                agentSocket,
                ms,
                localUser,
                yesOption,
                keepConnection);
    }

    /** {@code seconds}: as {@code LITTLEHUB_KEEP_CONNECTION} says it ("0": off; null: 60 s). */
    public SshOptions withKeepConnection(String seconds) {
        return new SshOptions(
                home,
                sshConfig,
                knownHosts,
                prompter,
                acceptNewHostKeys,
                agentSocket,
                connectTimeoutMillis,
                localUser,
                yesOption,
                seconds);
    }

    /** The command offers {@code option} (its {@code --yes}) to accept a new host key. */
    public SshOptions withYesOption(String option) {
        return new SshOptions(
                home,
                sshConfig,
                knownHosts,
                prompter,
                acceptNewHostKeys,
                agentSocket,
                connectTimeoutMillis,
                localUser,
                option,
                keepConnection);
    }
}
