package io.littlehub.common.events;

import java.io.PrintStream;

/** Writes each event as one line of JSON ({@link EventJson}) and flushes, so the laptop sees it as it happens. */
public final class JsonLines implements EventSink {
    private final PrintStream out;

    public JsonLines(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void emit(Event event) {
        out.println(EventJson.write(event));
        out.flush();
    }
}
