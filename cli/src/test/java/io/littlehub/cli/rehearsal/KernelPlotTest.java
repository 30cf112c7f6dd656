package io.littlehub.cli.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelPlotTest {
    @Test
    void oneBarPerPhaseReachedARedOneForAFailureNoScript() {
        String html = KernelPlot.html(
                "Class start",
                List.of(
                        VerdictTest.through("rehearsal-001", 9),
                        new StudentRun(
                                "rehearsal-002",
                                Duration.ofSeconds(2),
                                Map.of(Phase.SIGN_IN, Duration.ofSeconds(1)),
                                Phase.SERVER_READY,
                                "the server <was> not ready",
                                0,
                                0)));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("http://") && !html.contains("xmlns='http://www.w3.org/2000/svg'"));
        assertTrue(html.contains("<title>first cell at 9.0 s</title>"), html);
        assertTrue(
                html.contains("fill='#de2d26'><title>failed at server ready: the server &lt;was&gt; not ready"), html);
        // five phases of the first student, sign-in and the failure of the second.
        assertEquals(7, html.split("<rect").length - 1, html);
    }
}
