package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectErrorsTest {
    private static final ResolvedTarget T = new ResolvedTarget(
            "class-vm",
            "vm.example.org",
            2222,
            "ubuntu",
            List.of(),
            false,
            null,
            null,
            Path.of("/home/t/.ssh/known_hosts"),
            ResolvedTarget.HostKeyPolicy.ASK,
            List.of());

    private static SshFailure map(Throwable e) {
        return ConnectErrors.connecting(T, e, null, null, 15_000);
    }

    @Test
    void dns() {
        SshFailure f = map(new UnknownHostException("vm.example.org"));
        assertTrue(f.problem().contains("does not resolve"), f.problem());
        assertTrue(f.fix().contains("HostName for 'class-vm'"), f.fix());
    }

    @Test
    void refused() {
        SshFailure f = map(new ConnectException("Connection refused"));
        assertTrue(f.problem().contains("vm.example.org port 2222 refused the connection"), f.problem());
        assertTrue(f.fix().contains("-p"), f.fix());
    }

    @Test
    void timeout() {
        SshFailure f = map(new SocketTimeoutException("Connect timed out"));
        assertTrue(f.problem().contains("no answer from vm.example.org port 2222 within 15 s"), f.problem());
        assertTrue(f.fix().contains("firewall"), f.fix());
    }

    @Test
    void noRoute() {
        assertTrue(map(new NoRouteToHostException("No route")).problem().contains("no network route"));
    }

    @Test
    void wrappedCausesAreFound() {
        SshFailure f = map(new java.io.IOException("wrapped", new ConnectException("Connection refused")));
        assertTrue(f.problem().contains("refused"));
    }

    @Test
    void hostKeyRejectionWins() {
        SshFailure rejection = new SshFailure("changed", "ssh-keygen -R");
        assertSame(rejection, ConnectErrors.connecting(T, new java.io.IOException("x"), rejection, null, 1000));
    }

    @Test
    void anythingElseStillNamesTheTarget() {
        SshFailure f = map(new java.io.IOException("Broken transport; encountered EOF"));
        assertTrue(f.problem().contains("vm.example.org port 2222"), f.problem());
        assertTrue(f.problem().contains("EOF"), f.problem());
    }
}
