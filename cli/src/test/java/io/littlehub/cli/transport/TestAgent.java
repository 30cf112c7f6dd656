package io.littlehub.cli.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real OpenSSH ssh-agent, started for a test on its own socket and stopped (by its own process) afterwards. */
final class TestAgent implements AutoCloseable {
    final Path socket;
    private final Process process;

    private TestAgent(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
    }

    static TestAgent start(Path dir) throws IOException, InterruptedException {
        Path socket = dir.resolve("agent.sock");
        Process p = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(50);
        }
        if (!Files.exists(socket)) {
            p.destroyForcibly();
            throw new IOException("ssh-agent did not create " + socket);
        }
        return new TestAgent(socket, p);
    }

    void add(Path key) throws IOException, InterruptedException {
        TestKeys.exec(Map.of("SSH_AUTH_SOCK", socket.toString()), "ssh-add", key.toString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
