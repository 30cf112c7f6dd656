package io.littlehub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LittlehubCommandTest {
    @Test
    void versionNamesTheBuild() {
        StringWriter out = new StringWriter();
        var cl = LittlehubCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(ExitCodes.OK, cl.execute("--version"));
        assertTrue(
                out.toString().matches("littlehub \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7}.*\\)\\s*"),
                out.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        var cl = LittlehubCommand.commandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(ExitCodes.USAGE, cl.execute("--no-such-option"));
    }
}
