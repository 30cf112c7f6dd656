package io.littlehub.cli;

import io.littlehub.cli.transport.SshConnector;
import io.littlehub.cli.transport.SshOptions;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Readies the SSH client on a second thread while picocli builds and parses the command (a quarter of a second of
 * one core): sshj's algorithms and its crypto provider (BouncyCastle registers some 500 classes) are set up by the time
 * the command connects, instead of after it. Only for the commands that log in to a VM themselves: the others (and a
 * command a kept connection serves) would pay the CPU for nothing.
 */
final class SshWarmUp {
    /** The class's, the hub's and the safety commands, and provision: each logs in to a VM. */
    static final Set<String> CONNECTING = Stream.concat(
                    CommandGroups.GROUPS.stream()
                            .filter(g -> !g.title().equals("Getting started"))
                            .flatMap(g -> g.commands().stream()),
                    Stream.of("provision"))
            .collect(Collectors.toUnmodifiableSet());

    private SshWarmUp() {}

    /**
     * Whether a run with {@code args} warms up: its first word names a command that connects, and no kept connection
     * may serve it ({@code holderListening}: a command through a holder opens no SSH client).
     */
    static boolean wanted(String[] args, boolean holderListening) {
        return args.length > 0 && CONNECTING.contains(args[0]) && !holderListening;
    }

    static void startFor(String[] args) {
        if (wanted(
                args,
                SshConnector.holderListening(
                        SshOptions.defaults().withKeepConnection(System.getenv("LITTLEHUB_KEEP_CONNECTION"))))) {
            Thread t = new Thread(SshConnector::warmUp, "littlehub-ssh-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }
}
