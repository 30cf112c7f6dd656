package io.littlehub.cli.transport;

/**
 * What a remote command did. {@code exitCode} is the command's exit status; 128+N when it was killed by signal N
 * (as a shell reports it); -1 when the server reported neither. Streaming runs leave stdout/stderr empty.
 */
public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
