package io.littlehub.cli.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

/**
 * Opens a {@link RemoteHost}: resolves the target through ~/.ssh/config, connects (through the ProxyJump host with a
 * direct-tcpip channel when there is one), checks the host key against known_hosts and logs in.
 */
public final class SshConnector {
    /** Seconds between keepalive requests; after 4 unanswered the connection counts as dead. */
    static final int KEEPALIVE_SECONDS = 15;

    private SshConnector() {}

    public static RemoteHost connect(SshTarget target, SshOptions options) {
        SshConfig config = SshConfig.load(options.sshConfig(), options.home());
        ResolvedTarget resolved = new TargetResolver(config, options).resolve(target);
        for (String w : resolved.warnings()) {
            options.prompter().info("warning: " + options.sshConfig() + " " + w);
        }
        return connect(resolved, options);
    }

    /**
     * Connects; a connection that stalls (a timeout, a reset) is tried again ({@link StallRetry}), and said so. With
     * {@link SshOptions#keepConnection()} on, commands go through the connection a {@link ConnectionHolder} keeps when
     * one answers ({@link KeptLink}), and connect directly otherwise.
     */
    public static RemoteHost connect(ResolvedTarget target, SshOptions options) {
        StallRetry retry = StallRetry.sleeping(options.prompter()::info);
        Supplier<Link> direct = () -> retry.run(
                "connecting to " + target.hostName(), () -> link(target, options, new ArrayList<>()), () -> {});
        int keepSeconds = KeptConnections.seconds(options.keepConnection());
        return new RemoteHost(
                keepSeconds > 0 ? () -> KeptConnections.link(target, options, keepSeconds, direct) : direct,
                target,
                options.prompter(),
                retry);
    }

    /** Logs in to {@code target}; {@code seen}: each host key accepted on the way (jump hosts first). */
    static SshLink link(ResolvedTarget target, SshOptions options, List<HostKeySeen> seen) {
        List<SSHClient> hops = new ArrayList<>();
        try {
            SSHClient client = open(target, options, hops, seen);
            ClassDataTraining.reachedHub();
            return new SshLink(client, hops);
        } catch (RuntimeException e) {
            for (SSHClient hop : hops) {
                closeQuietly(hop);
            }
            throw e;
        }
    }

    /** Connects and logs in to {@code t}, first opening its jump hosts (added to {@code hops}, outermost first). */
    private static SSHClient open(ResolvedTarget t, SshOptions options, List<SSHClient> hops, List<HostKeySeen> seen) {
        SSHClient via = null;
        if (t.jump() != null) {
            via = open(t.jump(), options, hops, seen);
            hops.add(via);
        }
        SSHClient client = newClient(options.connectTimeoutMillis());
        KnownHostsVerifier verifier;
        try {
            verifier =
                    new KnownHostsVerifier(t.knownHosts(), t.hostKeyPolicy(), options.prompter(), options.yesOption());
        } catch (IOException e) {
            throw new SshFailure(
                    "cannot read " + t.knownHosts() + ": " + e.getMessage(), "check that the file is readable", e);
        }
        client.addHostKeyVerifier(verifier);
        try {
            if (via == null) {
                client.connect(t.hostName(), t.port());
            } else {
                DirectConnection tunnel = via.newDirectConnection(t.hostName(), t.port());
                client.connectVia(tunnel, t.hostName(), t.port());
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            if (e instanceof SshFailure f) {
                throw f;
            }
            throw ConnectErrors.connecting(t, e, verifier.rejection(), t.jump(), options.connectTimeoutMillis());
        }
        seen.add(new HostKeySeen(t.knownHosts(), t.hostName(), t.port(), verifier.accepted()));
        try {
            Authenticator.login(client, t, options.prompter());
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
        return client;
    }

    /**
     * A client that sends OpenSSH keep-alives ({@code keepalive@openssh.com}, answered by the server, unlike sshj's
     * default heartbeat) every {@link #KEEPALIVE_SECONDS}: a NAT or Wi-Fi link that forgets an idle connection keeps
     * it, and a dead one is noticed instead of hanging. Its algorithms are the JDK's ({@link LaptopSshConfig}).
     */
    static SSHClient newClient(int connectTimeoutMillis) {
        SSHClient client = new SSHClient(new LaptopSshConfig());
        // sshj reads the keepalive interval when the connection starts: it must be set before connect.
        client.getConnection().getKeepAlive().setKeepAliveInterval(KEEPALIVE_SECONDS);
        client.setConnectTimeout(connectTimeoutMillis);
        return client;
    }

    /**
     * Sets up what every connection needs before its socket opens: the client's algorithms and sshj's crypto provider
     * (registered once per JVM). Run on a thread of its own while the command line is parsed ({@code SshWarmUp});
     * nothing connects.
     */
    public static void warmUp() {
        SecurityUtils.getSecurityProvider();
        closeQuietly(newClient(1000));
    }

    /**
     * Whether a command with {@code options} may find a kept connection: keeping is on and some holder listens in the
     * folder (for whichever target: the command's own is known only after parsing). Such a command may never open an
     * SSH client of its own, so nothing is warmed up for it.
     */
    public static boolean holderListening(SshOptions options) {
        try (Stream<Path> files = Files.list(KeptConnections.folder(options))) {
            return KeptConnections.seconds(options.keepConnection()) > 0
                    && files.anyMatch(f -> f.getFileName().toString().endsWith(".sock"));
        } catch (IOException | IllegalArgumentException e) {
            return false; // no folder yet, or a bad LITTLEHUB_KEEP_CONNECTION (the command says so itself)
        }
    }

    static void closeQuietly(SSHClient c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // Already gone.
        }
    }
}
