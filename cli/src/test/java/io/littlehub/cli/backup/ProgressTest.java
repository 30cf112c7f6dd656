package io.littlehub.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line is rewritten in place only on a terminal; a log gets the last line, without {@code \r}. */
class ProgressTest {
    private static String run(boolean live) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "received", live);
        for (int i = 0; i < 3; i++) {
            p.add(1024);
            Thread.sleep(600);
        }
        p.done();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLogGetsOneLineWithoutCarriageReturns() throws InterruptedException {
        String log = run(false);
        assertTrue(log.matches("received 3\\.0 KB \\(.+/s\\)\n"), log);
    }

    @Test
    void aTerminalSeesTheLineRewritten() throws InterruptedException {
        String terminal = run(true);
        assertEquals(4, terminal.chars().filter(c -> c == '\r').count(), terminal);
        assertTrue(terminal.endsWith("\n"), terminal);
    }
}
