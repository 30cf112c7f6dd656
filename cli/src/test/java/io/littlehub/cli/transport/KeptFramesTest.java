package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The kept connection's frames as bytes: type, 4-byte length, payload. */
class KeptFramesTest {
    @Test
    void aRequestIsTypeLengthProtocolAndCommandLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KeptFrames.request(out, "'id' '-u'");
        byte[] expected = {'R', 0, 0, 0, 13, 0, 0, 0, 1, '\'', 'i', 'd', '\'', ' ', '\'', '-', 'u', '\''};
        assertArrayEquals(expected, out.toByteArray());

        KeptFrames.Frame f = KeptFrames.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(KeptFrames.REQUEST, f.type());
        assertEquals(1, KeptFrames.protocol(f));
        assertEquals("'id' '-u'", KeptFrames.commandLine(f));
    }

    @Test
    void framesFollowOneAnotherAndTheEndBetweenFramesIsNull() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStream stdout = KeptFrames.framing(out, KeptFrames.STDOUT);
        stdout.write("hello\n".getBytes(StandardCharsets.UTF_8));
        stdout.write(new byte[0]); // nothing: no empty frame
        stdout.close(); // nothing either: the exit frame ends the exchange
        KeptFrames.number(out, KeptFrames.EXIT, 130);
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());

        KeptFrames.Frame a = KeptFrames.read(in);
        assertEquals(KeptFrames.STDOUT, a.type());
        assertEquals("hello\n", a.text());
        KeptFrames.Frame b = KeptFrames.read(in);
        assertEquals(KeptFrames.EXIT, b.type());
        assertEquals(130, b.number());
        assertNull(KeptFrames.read(in));
    }

    @Test
    void aCutOrGarbledFrameIsAnIoException() {
        byte[] cut = {'O', 0, 0, 0, 9, 'a', 'b'};
        IOException c = assertThrows(IOException.class, () -> KeptFrames.read(new ByteArrayInputStream(cut)));
        assertTrue(c.getMessage().contains("cut off"), c.getMessage());

        byte[] unknownType = {'Z', 0, 0, 0, 0};
        IOException u = assertThrows(IOException.class, () -> KeptFrames.read(new ByteArrayInputStream(unknownType)));
        assertTrue(u.getMessage().contains("garbled"), u.getMessage());

        byte[] huge = {'O', 0x7f, 0, 0, 0};
        IOException h = assertThrows(IOException.class, () -> KeptFrames.read(new ByteArrayInputStream(huge)));
        assertTrue(h.getMessage().contains("garbled"), h.getMessage());
    }
}
