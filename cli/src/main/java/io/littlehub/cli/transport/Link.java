package io.littlehub.cli.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.schmizz.sshj.sftp.SFTPClient;

/**
 * What {@link RemoteHost} needs of one logged-in SSH connection: run a command line, open SFTP, close. A seam, so the
 * retry of a stalled connection is tested with a link that stalls ({@code RemoteHostRetryTest}).
 */
interface Link extends AutoCloseable {
    /** Runs one command line in its own channel; its exit status (128 + signal; -1: none). */
    int exec(String commandLine, InputStream stdin, OutputStream out, OutputStream err) throws IOException;

    SFTPClient sftp() throws IOException;

    @Override
    void close();
}
