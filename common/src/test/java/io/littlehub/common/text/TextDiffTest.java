package io.littlehub.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextDiffTest {
    @Test
    void aChangeComesWithThreeLinesOfContextEachSide() {
        String before = "users:\n  admin: [t]\nlimits:\n  cpu: 1\nauth:\n  type: firstuse\nbase_url: /\n";
        String after = "users:\n  admin: [t]\nlimits:\n  cpu: 1\n  memory: 2G\nauth:\n  type: firstuse\nbase_url: /\n";
        assertEquals("""
                --- config.yaml (before)
                +++ config.yaml (after)
                @@ -2,6 +2,7 @@
                   admin: [t]
                 limits:
                   cpu: 1
                +  memory: 2G
                 auth:
                   type: firstuse
                 base_url: /
                """, TextDiff.unified("config.yaml", before, after));
    }

    @Test
    void changesFarApartAreTwoHunks() {
        String before =
                IntStream.rangeClosed(1, 20).mapToObj(i -> "line" + i + "\n").collect(Collectors.joining());
        String after = before.replace("line2\n", "two\n").replace("line19\n", "");
        String diff = TextDiff.unified("f", before, after);
        assertEquals(2, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
        assertEquals("@@ -1,5 +1,5 @@", diff.lines().toList().get(2));
        assertEquals(
                "@@ -16,5 +16,4 @@",
                diff.lines().filter(l -> l.startsWith("@@")).toList().get(1));
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", TextDiff.unified("f", "a\nb\n", "a\nb\n"));
    }
}
