package io.littlehub.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, logs and ssh parse and run in the given context; logs refuses a bad name or time before looking for the hub. */
class LogsCommandTest {
    private static final String NO_HUB = "no hub is known on this laptop yet";

    @TempDir
    Path dir;

    private LaptopCommands laptop;

    private int littlehub(String... args) {
        laptop = laptop != null ? laptop : new LaptopCommands(dir);
        return laptop.littlehub(args);
    }

    private String err() {
        return laptop.err();
    }

    @Test
    void aBadNameIsRefusedWithTheReasonBeforeAnythingConnects() {
        assertEquals(ExitCodes.USAGE, littlehub("logs", "$(reboot)"));
        assertTrue(
                err().contains("\"$(reboot)\" is not a user name: it contains \"$\", \"(\", \")\"")
                        && !err().contains(NO_HUB),
                err());
        assertEquals(ExitCodes.USAGE, littlehub("logs", "--student", "a b"));
        assertTrue(err().contains("a space"), err());
    }

    @Test
    void aBadTimeIsRefusedNamingTheAcceptedForms() {
        assertEquals(ExitCodes.USAGE, littlehub("logs", "hub", "--since", "yesterday-ish"));
        assertTrue(
                err().contains("--since \"yesterday-ish\"") && err().contains("30m, 1h, 2d") && !err().contains(NO_HUB),
                err());
    }

    @Test
    void everyCommandLooksForItsHubInTheGivenContext() {
        for (String[] args : new String[][] {
            {"status"},
            {"status", "--json", "--hub", "x"},
            {"logs"},
            {"logs", "ada", "-f", "--since", "2d", "-n", "5"},
            {"ssh"},
            {"ssh", "--hub", "x", "--", "cat", "/etc/hostname"}
        }) {
            assertEquals(ExitCodes.USAGE, littlehub(args), String.join(" ", args));
            assertTrue(err().contains(NO_HUB), String.join(" ", args) + ": " + err());
        }
    }
}
