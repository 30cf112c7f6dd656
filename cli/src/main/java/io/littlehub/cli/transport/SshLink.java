package io.littlehub.cli.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;

/** A {@link Link} over sshj: the client logged in to the VM and the jump hosts it goes through (outermost first). */
final class SshLink implements Link {
    private final SSHClient client;
    private final List<SSHClient> jumpHosts;

    SshLink(SSHClient client, List<SSHClient> jumpHosts) {
        this.client = client;
        this.jumpHosts = List.copyOf(jumpHosts);
    }

    @Override
    public int exec(String commandLine, InputStream stdin, OutputStream out, OutputStream err) throws IOException {
        return RemoteExec.run(client, commandLine, stdin, out, err);
    }

    /** The client logged in to the VM (a {@link ConnectionHolder} opens its channels on it). */
    SSHClient client() {
        return client;
    }

    @Override
    public SFTPClient sftp() throws IOException {
        return client.newSFTPClient();
    }

    @Override
    public void close() {
        SshConnector.closeQuietly(client);
        for (int i = jumpHosts.size() - 1; i >= 0; i--) {
            SshConnector.closeQuietly(jumpHosts.get(i));
        }
    }
}
