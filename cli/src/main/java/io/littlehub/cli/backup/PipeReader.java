package io.littlehub.cli.backup;

import io.littlehub.common.backup.TarFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the far end of a pipe in a thread of its own (the verifier, the incremental merge): its result, or a message
 * saying why it failed, goes to a verdict; whatever it leaves unread is drained, so the writer never blocks on a
 * reader that stopped early.
 */
final class PipeReader {
    /** What the thread does with the stream; its result becomes the verdict. */
    interface Work {
        Object read(InputStream in) throws IOException;
    }

    private PipeReader() {}

    /** Starts the thread; {@code verdict} then holds the result, or a String: the failure (a damaged archive's message as it is). */
    static Thread start(String name, InputStream in, Work work, AtomicReference<Object> verdict) {
        Thread t = new Thread(
                () -> {
                    try {
                        verdict.set(work.read(in));
                    } catch (TarFormatException e) {
                        verdict.set(e.getMessage());
                    } catch (IOException | RuntimeException e) {
                        verdict.set(e.toString());
                    } finally {
                        try {
                            in.transferTo(OutputStream.nullOutputStream());
                        } catch (IOException ignored) {
                            // The writer closed the pipe.
                        }
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
