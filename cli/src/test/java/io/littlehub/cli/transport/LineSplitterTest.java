package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    @Test
    void linesAcrossChunksCrLfAndALastLineWithoutNewline() {
        List<String> lines = new ArrayList<>();
        LineSplitter s = new LineSplitter(lines::add);
        byte[] a = "{\"a\":1}\n{\"b\":".getBytes(StandardCharsets.UTF_8);
        byte[] b = "2}\r\n\nsnowman ☃".getBytes(StandardCharsets.UTF_8);
        s.write(a, 0, a.length);
        assertEquals(List.of("{\"a\":1}"), lines, "a line is delivered as soon as it is complete");
        // Split inside the multi-byte snowman to prove bytes, not chars, are buffered.
        s.write(b, 0, b.length - 1);
        s.write(b[b.length - 1]);
        s.close();
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}", "", "snowman ☃"), lines);
    }
}
