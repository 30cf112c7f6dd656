package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The holder's side of one command, as data: the command's frames in, the holder's frames out, what it asked of its
 * connection. A channel that cannot open, a host key no longer named and another protocol all refuse before anything
 * runs (the command then connects directly); a connection failing mid-command is BROKEN, never a refusal.
 */
class ConnectionHolderTest {
    /** A connection whose channel echoes stdin to stdout, says the command line on stderr, and exits 3. */
    private static final class ScriptedRemote implements ConnectionHolder.Remote {
        String unusable;
        IOException openFails;
        IOException runFails;
        final List<String> ran = new ArrayList<>();

        @Override
        public String unusable() {
            return unusable;
        }

        boolean alive = true;

        @Override
        public boolean alive() {
            return alive;
        }

        @Override
        public ConnectionHolder.Channel open() throws IOException {
            if (openFails != null) {
                throw openFails;
            }
            return (commandLine, stdin, out, err) -> {
                ran.add(commandLine);
                if (runFails != null) {
                    throw runFails;
                }
                stdin.transferTo(out);
                err.write(("ran " + commandLine).getBytes(StandardCharsets.UTF_8));
                out.close();
                err.close();
                return 3;
            };
        }
    }

    private static byte[] command(String line, String stdin) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        KeptFrames.request(b, line);
        if (!stdin.isEmpty()) {
            KeptFrames.text(b, KeptFrames.STDIN, stdin);
        }
        KeptFrames.write(b, KeptFrames.STDIN_END, new byte[0]);
        return b.toByteArray();
    }

    private static List<String> frames(byte[] bytes) throws IOException {
        List<String> frames = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(bytes);
        KeptFrames.Frame f;
        while ((f = KeptFrames.read(in)) != null) {
            frames.add((char) f.type() + (f.type() == KeptFrames.EXIT ? "" + f.number() : f.text()));
        }
        return frames;
    }

    @Test
    void aCommandRunsOnANewChannelWithItsStdinAndEndsWithItsExitStatus() throws IOException {
        ScriptedRemote remote = new ScriptedRemote();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ConnectionHolder.serve(new ByteArrayInputStream(command("'id'", "run\n")), out, remote));
        assertEquals(List.of("'id'"), remote.ran);
        assertEquals(List.of("S", "Orun\n", "Xran 'id'", "Q3"), frames(out.toByteArray()));
    }

    @Test
    void aHostKeyNoLongerNamedRefusesAndEndsTheHolder() throws IOException {
        ScriptedRemote remote = new ScriptedRemote();
        remote.unusable = "known_hosts no longer names the host key of 203.0.113.7 this connection accepted";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertFalse(ConnectionHolder.serve(new ByteArrayInputStream(command("'id'", "")), out, remote));
        assertEquals(List.of("F" + remote.unusable), frames(out.toByteArray()));
        assertEquals(List.of(), remote.ran);
    }

    @Test
    void aChannelThatCannotOpenRefusesAndEndsTheHolder() throws IOException {
        ScriptedRemote remote = new ScriptedRemote();
        remote.openFails = new IOException("Broken transport");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertFalse(ConnectionHolder.serve(new ByteArrayInputStream(command("'id'", "")), out, remote));
        assertEquals(List.of("Fcannot open a channel: Broken transport"), frames(out.toByteArray()));
    }

    @Test
    void anotherProtocolIsRefusedAndTheHolderStays() throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        KeptFrames.write(request, KeptFrames.REQUEST, new byte[] {0, 0, 0, 2, 'x'});
        ScriptedRemote remote = new ScriptedRemote();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ConnectionHolder.serve(new ByteArrayInputStream(request.toByteArray()), out, remote));
        assertEquals(List.of("Fthis holder speaks protocol 1"), frames(out.toByteArray()));
        assertEquals(List.of(), remote.ran);
    }

    @Test
    void aConnectionFailingMidCommandIsBrokenNotRefused() throws IOException {
        ScriptedRemote remote = new ScriptedRemote();
        remote.runFails = new IOException("Connection reset");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ConnectionHolder.serve(new ByteArrayInputStream(command("'id'", "")), out, remote));
        assertEquals(List.of("S", "BConnection reset"), frames(out.toByteArray()));
    }

    @Test
    void somethingElseThanARequestIsIgnored() throws IOException {
        ByteArrayOutputStream junk = new ByteArrayOutputStream();
        KeptFrames.text(junk, KeptFrames.STDIN, "hello");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScriptedRemote remote = new ScriptedRemote();
        assertTrue(ConnectionHolder.serve(new ByteArrayInputStream(junk.toByteArray()), out, remote));
        assertEquals(0, out.size());
        assertEquals(List.of(), remote.ran);
    }

    @Test
    void theHolderEndsWhenIdleClosedOrItsHostKeyIsNoLongerNamedWithoutWaitingForACommand() {
        ScriptedRemote remote = new ScriptedRemote();
        assertNull(ConnectionHolder.ending(false, remote));
        assertEquals("idle, not kept any more", ConnectionHolder.ending(true, remote));
        remote.unusable = "known_hosts no longer names the host key of 203.0.113.7 this connection accepted";
        assertEquals(
                "the connection is no longer kept: known_hosts no longer names the host key of 203.0.113.7 this"
                        + " connection accepted",
                ConnectionHolder.ending(false, remote));
        remote.alive = false;
        assertEquals("the connection closed", ConnectionHolder.ending(false, remote));
    }
}
