package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {
    /** Strings a shell would love to interpret. */
    static final List<String> HOSTILE = List.of(
            ";rm -rf /",
            "$(id)",
            "`id`",
            "'",
            "\"",
            "''",
            "a'b'c",
            "it's \"quoted\"",
            "\n",
            "line1\nline2\n",
            "\\",
            "\\'",
            "$HOME",
            "${PATH}",
            "*",
            "~",
            "&& echo pwned",
            "| cat",
            ">x",
            "<x",
            "",
            " leading and trailing ",
            "\t",
            "héllo ☃",
            "!",
            "-n",
            "--",
            "#comment",
            "a\rb",
            "%s%n",
            "$'\\x41'");

    @Test
    void quotesInSingleQuotes() {
        assertEquals("'plain'", ShellQuote.quote("plain"));
        assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
        assertEquals("''", ShellQuote.quote(""));
        assertEquals("'a' 'b c'", ShellQuote.join(List.of("a", "b c")));
    }

    @Test
    void refusesNulAndEmptyCommands() {
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.join(List.of()));
    }

    @Test
    void localShellsReceiveEveryHostileArgumentUnchanged() throws Exception {
        for (String shell : List.of("/bin/sh", "/bin/bash", "/bin/dash")) {
            if (!Files.isExecutable(Path.of(shell))) {
                continue;
            }
            List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
            argv.addAll(HOSTILE);
            Process p = new ProcessBuilder(shell, "-c", ShellQuote.join(argv))
                    .redirectErrorStream(true)
                    .start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            assertEquals(0, p.waitFor(), shell);
            String[] got = out.toString(StandardCharsets.UTF_8).split("\0", -1);
            assertEquals(HOSTILE, Arrays.asList(got).subList(0, got.length - 1), shell);
        }
    }
}
