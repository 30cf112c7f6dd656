package io.littlehub.cli.transport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** An OutputStream that hands each complete UTF-8 line (without its \n or \r\n) to a consumer as it arrives. */
final class LineSplitter extends OutputStream {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            current.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                current.write(b, start, i - start);
                emit();
                start = i + 1;
            }
        }
        current.write(b, start, off + len - start);
    }

    private void emit() {
        byte[] bytes = current.toByteArray();
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        current.reset();
        lines.accept(new String(bytes, 0, n, StandardCharsets.UTF_8));
    }

    /** Delivers a last line that had no newline. */
    @Override
    public void close() {
        if (current.size() > 0) {
            emit();
        }
    }
}
