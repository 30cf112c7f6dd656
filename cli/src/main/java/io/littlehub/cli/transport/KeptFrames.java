package io.littlehub.cli.transport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The wire format between a command and the {@link ConnectionHolder} that keeps its SSH connection, over the holder's
 * Unix-domain socket: frames of a type byte, a 4-byte length and the payload. A command sends {@link #REQUEST} (the
 * protocol number and the remote command line), the holder answers {@link #STARTED} once its channel is open (or
 * {@link #REFUSED}: nothing ran, the command connects directly), then stdin goes one way ({@link #STDIN},
 * {@link #STDIN_END}) and stdout, stderr and the exit status the other ({@link #STDOUT}, {@link #STDERR},
 * {@link #EXIT}; {@link #BROKEN}: the connection failed after the command may have started).
 */
final class KeptFrames {
    /** Raised when the frames change meaning: a holder of another littlehub refuses, and the command goes direct. */
    static final int PROTOCOL = 1;

    static final byte REQUEST = 'R';
    static final byte STDIN = 'I';
    static final byte STDIN_END = 'E';
    static final byte STARTED = 'S';
    static final byte STDOUT = 'O';
    static final byte STDERR = 'X';
    static final byte EXIT = 'Q';
    static final byte REFUSED = 'F';
    static final byte BROKEN = 'B';

    /** Larger frames are garbage: nobody writes more than one read buffer at a time. */
    static final int MAX_PAYLOAD = 1 << 20;

    private static final String TYPES = "RIESOXQFB";

    record Frame(byte type, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int number() {
            return ByteBuffer.wrap(payload).getInt();
        }
    }

    private KeptFrames() {}

    /** One frame in one write, so frames from two threads (stdout, stderr) never interleave. */
    static void write(OutputStream out, byte type, byte[] payload, int off, int len) throws IOException {
        byte[] frame = ByteBuffer.allocate(5 + len)
                .put(type)
                .putInt(len)
                .put(payload, off, len)
                .array();
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    static void write(OutputStream out, byte type, byte[] payload) throws IOException {
        write(out, type, payload, 0, payload.length);
    }

    static void text(OutputStream out, byte type, String text) throws IOException {
        write(out, type, text.getBytes(StandardCharsets.UTF_8));
    }

    static void number(OutputStream out, byte type, int n) throws IOException {
        write(out, type, ByteBuffer.allocate(4).putInt(n).array());
    }

    static void request(OutputStream out, String commandLine) throws IOException {
        byte[] line = commandLine.getBytes(StandardCharsets.UTF_8);
        write(
                out,
                REQUEST,
                ByteBuffer.allocate(4 + line.length).putInt(PROTOCOL).put(line).array());
    }

    /** The request's protocol number. */
    static int protocol(Frame request) {
        return request.payload().length < 4 ? -1 : request.number();
    }

    /** The request's command line. */
    static String commandLine(Frame request) {
        byte[] p = request.payload();
        return new String(p, 4, p.length - 4, StandardCharsets.UTF_8);
    }

    /** The next frame; null at the end of the stream between frames. A cut or garbled frame is an IOException. */
    static Frame read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        DataInputStream data = new DataInputStream(in);
        try {
            int len = data.readInt();
            if (TYPES.indexOf(type) < 0 || len < 0 || len > MAX_PAYLOAD) {
                throw new IOException("garbled frame from the kept connection (type " + type + ", length " + len + ")");
            }
            byte[] payload = new byte[len];
            data.readFully(payload);
            return new Frame((byte) type, payload);
        } catch (EOFException e) {
            throw new IOException("the kept connection's frame was cut off", e);
        }
    }

    /** Writes each chunk as one frame of {@code type}; closing writes nothing (the exit frame ends the exchange). */
    static OutputStream framing(OutputStream out, byte type) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    KeptFrames.write(out, type, b, off, len);
                }
            }
        };
    }
}
