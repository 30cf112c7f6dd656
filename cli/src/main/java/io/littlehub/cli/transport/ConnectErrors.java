package io.littlehub.cli.transport;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.transport.TransportException;

/** Turns what went wrong while connecting into an {@link SshFailure} that names the problem and the fix. */
final class ConnectErrors {
    private ConnectErrors() {}

    /**
     * @param hostKeyRejection what the host key check said, or null
     * @param via the jump host the connection went through, or null
     */
    static SshFailure connecting(
            ResolvedTarget t, Throwable e, SshFailure hostKeyRejection, ResolvedTarget via, int timeoutMillis) {
        if (hostKeyRejection != null) {
            return hostKeyRejection;
        }
        String where = t.hostName() + " port " + t.port();
        String through = via == null ? "" : " (through the jump host " + via.hostName() + ")";
        Throwable c = rootOf(e);
        if (c instanceof UnknownHostException) {
            return new SshFailure(
                    "cannot find the host '" + t.hostName() + "': the name does not resolve (DNS)" + through,
                    "check the spelling"
                            + (t.alias().equals(t.hostName())
                                    ? ""
                                    : ", the HostName for '" + t.alias() + "' in ~/.ssh/config")
                            + ", and your network connection; an IP address works too",
                    e);
        }
        if (c instanceof ConnectException
                && String.valueOf(c.getMessage()).toLowerCase().contains("refused")) {
            return new SshFailure(
                    where + " refused the connection: nothing accepts SSH connections there" + through,
                    "check the port (-p, default 22), that the VM is running, and that its SSH server (sshd) is started",
                    e);
        }
        if (c instanceof SocketTimeoutException
                || (c instanceof ConnectException
                        && String.valueOf(c.getMessage()).contains("timed out"))) {
            return SshFailure.stall(
                    "no answer from " + where + " within " + timeoutMillis / 1000 + " s" + through,
                    "check the address, that the VM is running, and that the provider's firewall (security group) allows TCP port "
                            + t.port() + " from your address",
                    e);
        }
        if (c instanceof NoRouteToHostException) {
            return new SshFailure(
                    "no network route to " + where + through,
                    "check the address and your network connection (VPN, Wi-Fi)",
                    e);
        }
        if (e instanceof OpenFailException ofe && via != null) {
            return new SshFailure(
                    "the jump host " + via.hostName() + " could not open a connection to " + where + ": "
                            + ofe.getMessage(),
                    "check the target's HostName and Port as seen from the jump host, and that the jump "
                            + "host allows forwarding (AllowTcpForwarding in its sshd_config)",
                    e);
        }
        if (e instanceof TransportException te
                && te.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
            return new SshFailure(
                    "the host key of " + t.knownHostsName() + " could not be verified", "check " + t.knownHosts(), e);
        }
        // What is left is the connection dropping or stalling midway (a reset, "Timeout expired" in the key
        // exchange): worth another try.
        return SshFailure.stall(
                "the SSH connection to " + where + " failed" + through + ": " + describe(e),
                "check that " + where + " runs an SSH server, and try again",
                e);
    }

    private static Throwable rootOf(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String describe(Throwable e) {
        Throwable c = rootOf(e);
        String m = c.getMessage();
        return m == null || m.isEmpty() ? c.getClass().getSimpleName() : m;
    }
}
