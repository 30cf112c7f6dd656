package io.littlehub.cli.provision;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What a command prints, kept whole, with each line also handed to a watcher the moment its line break is written
 * (InterruptIT cuts the connection when a given line appears).
 */
final class LineTee extends OutputStream {
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Consumer<String> onLine;

    LineTee(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    @Override
    public synchronized void write(int b) {
        all.write(b);
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            onLine.accept(text);
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    synchronized String text() {
        return all.toString(StandardCharsets.UTF_8);
    }
}
