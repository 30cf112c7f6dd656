package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.sftp.SFTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's side, over a real Unix-domain socket to a holder whose answers are scripted: through the holder when it
 * answers, silently direct when there is none, its socket is dead or it refuses; a holder failing after the start is a
 * failure of the command, never a second run.
 */
class KeptLinkTest {
    @TempDir
    Path dir;

    private ServerSocketChannel server;
    private final List<String> direct = new ArrayList<>();
    private int holdersStarted;

    /** The direct connection: records each command, answers "direct" and exit 0. */
    private final class DirectLink implements Link {
        @Override
        public int exec(String commandLine, InputStream stdin, OutputStream out, OutputStream err) throws IOException {
            direct.add(commandLine);
            out.write("direct\n".getBytes(StandardCharsets.UTF_8));
            out.close();
            err.close();
            return 0;
        }

        @Override
        public SFTPClient sftp() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private KeptLink link() {
        return new KeptLink(dir.resolve("k.sock"), DirectLink::new, () -> holdersStarted++);
    }

    /** A holder on k.sock answering each connection with {@code answer}'s frames (after reading the request). */
    private void holder(HolderAnswer answer) throws IOException {
        Files.deleteIfExists(dir.resolve("k.sock")); // an earlier holder's, as ConnectionHolder does under its lock
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("k.sock")));
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    try (SocketChannel c = server.accept()) {
                        InputStream in = UnixStreams.in(c);
                        OutputStream out = UnixStreams.out(c);
                        answer.answer(in, out);
                    }
                }
            } catch (IOException closed) {
                // The test ended.
            }
        });
        t.setDaemon(true);
        t.start();
    }

    interface HolderAnswer {
        void answer(InputStream in, OutputStream out) throws IOException;
    }

    private static String run(Link link, String line, String stdin, ByteArrayOutputStream err) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = link.exec(line, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
        return exit + ":" + out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aHolderRunsTheCommandWithItsStdinAndNothingConnectsDirectly() throws IOException {
        holder((in, out) -> ConnectionHolder.serve(in, out, new EchoRemote()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (KeptLink link = link()) {
            assertEquals("7:password\n", run(link, "'sudo' '-S'", "password\n", err));
            assertEquals("7:", run(link, "'true'", "", err));
        }
        assertEquals("ran 'sudo' '-S'ran 'true'", err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), direct);
        assertEquals(0, holdersStarted, "a holder answered: none started");
    }

    @Test
    void aHostKnownHostsNamesNoKeyForConnectsDirectlyAndLeavesAHolderAfterTheLogin() throws IOException {
        try (KeptLink link = new KeptLink(null, DirectLink::new, () -> holdersStarted++)) {
            assertEquals("0:direct\n", run(link, "'id'", "", new ByteArrayOutputStream()));
        }
        assertEquals(List.of("'id'"), direct);
        assertEquals(1, holdersStarted, "the start finds the holder's name again, once the key is recorded");
    }

    @Test
    void noHolderConnectsDirectlyAndLeavesOneForTheNextCommand() throws IOException {
        try (KeptLink link = link()) {
            assertEquals("0:direct\n", run(link, "'id'", "", new ByteArrayOutputStream()));
            assertEquals("0:direct\n", run(link, "'true'", "", new ByteArrayOutputStream()));
        }
        assertEquals(List.of("'id'", "'true'"), direct);
        assertEquals(1, holdersStarted);
    }

    @Test
    void aDeadHoldersSocketFallsBackSilently() throws IOException {
        holder((in, out) -> {});
        server.close(); // the socket file stays, nobody listens: a holder killed with SIGKILL
        server = null;
        assertTrue(Files.exists(dir.resolve("k.sock")));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (KeptLink link = link()) {
            assertEquals("0:direct\n", run(link, "'id'", "", err));
        }
        assertEquals(0, err.size());
        assertEquals(List.of("'id'"), direct);
        assertEquals(1, holdersStarted);
    }

    @Test
    void aRefusalBeforeTheStartConnectsDirectlyForThisAndLaterCommands() throws IOException {
        holder((in, out) -> {
            KeptFrames.read(in);
            KeptFrames.text(out, KeptFrames.REFUSED, "known_hosts no longer names the host key");
        });
        try (KeptLink link = link()) {
            assertEquals("0:direct\n", run(link, "'id'", "", new ByteArrayOutputStream()));
            assertEquals("0:direct\n", run(link, "'true'", "", new ByteArrayOutputStream()));
        }
        assertEquals(List.of("'id'", "'true'"), direct);
    }

    @Test
    void aHolderThatFailsAfterTheStartFailsTheCommandAndNeverRunsItAgain() throws IOException {
        holder((in, out) -> {
            KeptFrames.read(in);
            KeptFrames.write(out, KeptFrames.STARTED, new byte[0]);
            KeptFrames.text(out, KeptFrames.STDOUT, "half");
        });
        try (KeptLink link = link()) {
            IOException e = assertThrows(IOException.class, () -> run(link, "'id'", "", new ByteArrayOutputStream()));
            assertTrue(e.getMessage().startsWith(KeptLink.ENDED), e.getMessage()); // its end, or a reset
        }
        assertEquals(List.of(), direct);

        stop();
        holder((in, out) -> {
            KeptFrames.read(in);
            KeptFrames.write(out, KeptFrames.STARTED, new byte[0]);
            KeptFrames.text(out, KeptFrames.BROKEN, "Connection reset");
        });
        try (KeptLink link = link()) {
            IOException e = assertThrows(IOException.class, () -> run(link, "'id'", "", new ByteArrayOutputStream()));
            assertEquals("Connection reset", e.getMessage());
        }
        assertEquals(List.of(), direct);
    }

    /** A connection whose channel echoes stdin, says the command on stderr and exits 7. */
    private static final class EchoRemote implements ConnectionHolder.Remote {
        @Override
        public String unusable() {
            return null;
        }

        @Override
        public boolean alive() {
            return true;
        }

        @Override
        public ConnectionHolder.Channel open() {
            return (commandLine, stdin, out, err) -> {
                stdin.transferTo(out);
                err.write(("ran " + commandLine).getBytes(StandardCharsets.UTF_8));
                return 7;
            };
        }
    }
}
