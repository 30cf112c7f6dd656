package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;
import org.junit.jupiter.api.Test;

/**
 * SSH that rides out stalls, as data: links that stall on their first command, a recorded pause, the messages. A
 * read-only step is retried on a new connection with doubling pauses and says so; a failure that is no stall, or a
 * step that is not read-only, goes through at once; the attempts are bounded.
 */
class StallRetryTest {
    private static final ResolvedTarget TARGET =
            new ResolvedTarget("vm", "203.0.113.7", 22, "teacher", List.of(), false, null, null, null, null, List.of());
    private final List<Duration> pauses = new ArrayList<>();
    private final List<String> said = new ArrayList<>();
    private final StallRetry retry = new StallRetry(pauses::add, said::add);

    /**
     * A link that answers "42" to its first {@code answers} commands, then times out {@code stalls} times as sshj's
     * channel open did, then answers again.
     */
    private static final class StallingLink implements Link {
        int answers;
        int stalls;
        int commands;
        boolean closed;

        StallingLink(int stalls) {
            this(0, stalls);
        }

        StallingLink(int answers, int stalls) {
            this.answers = answers;
            this.stalls = stalls;
        }

        @Override
        public int exec(String commandLine, InputStream stdin, OutputStream out, OutputStream err) throws IOException {
            commands++;
            if (answers-- <= 0 && stalls-- > 0) {
                throw new IOException("Timeout expired: 30000 MILLISECONDS");
            }
            out.write("42\n".getBytes(StandardCharsets.UTF_8));
            out.close();
            err.close();
            return 0;
        }

        @Override
        public SFTPClient sftp() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private RemoteHost host(List<StallingLink> links) {
        List<StallingLink> left = new ArrayList<>(links);
        return new RemoteHost(() -> left.remove(0), TARGET, new ScriptedPrompter(), retry);
    }

    @Test
    void aReadThatStallsOnceIsRetriedOnANewConnectionAndSaysSo() {
        StallingLink first = new StallingLink(1);
        StallingLink second = new StallingLink(0);
        RemoteHost vm = host(List.of(first, second));

        String out = vm.retryingStalls("reading the VM's facts", () -> vm.run(List.of("cat", "/etc/os-release")))
                .stdout();

        assertEquals("42\n", out);
        assertTrue(first.closed, "the stalled connection is closed");
        assertEquals(1, second.commands);
        assertEquals(List.of(Duration.ofSeconds(1)), pauses);
        assertEquals(
                List.of("littlehub: reading the VM's facts stalled (the connection to teacher@203.0.113.7 failed"
                        + " while running `cat /etc/os-release`: Timeout expired: 30000 MILLISECONDS); retrying in 1 s,"
                        + " attempt 2 of 3"),
                said);
    }

    @Test
    void theAttemptsAreBoundedAndThePausesDouble() {
        RemoteHost vm = host(List.of(new StallingLink(1), new StallingLink(1), new StallingLink(1)));
        SshFailure e =
                assertThrows(SshFailure.class, () -> vm.retryingStalls("reading", () -> vm.run(List.of("true"))));
        assertTrue(e.stalled());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), pauses);
        assertEquals(2, said.size());
    }

    @Test
    void aCommandThatChangesThingsIsNeverRetried() {
        // The first try as root names no way (as when sudo wants a password) and the sudo probe answers; the root
        // command stalls.
        StallingLink first = new StallingLink(2, 1);
        RemoteHost vm = host(List.of(first, new StallingLink(0)));
        assertThrows(SshFailure.class, () -> vm.runAsRootStreaming(List.of("touch", "/x"), line -> {}, line -> {}));
        assertEquals(3, first.commands);
        assertEquals(List.of(), pauses);
        assertFalse(first.closed);
    }

    @Test
    void aFailureThatIsNoStallGoesThroughAtOnce() {
        SshFailure refused = new SshFailure("refused", "check the port");
        int[] calls = {0};
        SshFailure e = assertThrows(
                SshFailure.class,
                () -> retry.run(
                        "connecting",
                        () -> {
                            calls[0]++;
                            throw refused;
                        },
                        () -> {}));
        assertSame(refused, e);
        assertEquals(1, calls[0]);
        assertEquals(List.of(), said);
    }

    @Test
    void aConnectionThatTimesOutOrDropsCountsAsAStallButARefusalDoesNot() {
        assertTrue(ConnectErrors.connecting(TARGET, new java.net.SocketTimeoutException("timeout"), null, null, 15_000)
                .stalled());
        assertTrue(ConnectErrors.connecting(
                        TARGET,
                        new net.schmizz.sshj.transport.TransportException("Timeout expired"),
                        null,
                        null,
                        15_000)
                .stalled());
        assertFalse(ConnectErrors.connecting(
                        TARGET, new java.net.ConnectException("Connection refused"), null, null, 15_000)
                .stalled());
    }

    @Test
    void theClientSendsOpenSshKeepAlivesEveryFifteenSeconds() throws IOException {
        try (SSHClient client = SshConnector.newClient(15_000)) {
            assertTrue(client.getConnection().getKeepAlive() instanceof KeepAlive, "keepalive@openssh.com, answered");
            assertEquals(15, client.getConnection().getKeepAlive().getKeepAliveInterval());
            assertEquals(15_000, client.getConnectTimeout());
        }
    }
}
