package io.littlehub.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sudo scripts run by this machine's sh, with an {@code id} and a {@code sudo} of the test's on the PATH: a login
 * user that is root, one whose sudo needs no password, and one whose sudo wants a password.
 */
class SudoScriptsTest {
    @TempDir
    Path bin;

    /** What ran: stdout, then "exit N". */
    private String run(String uid, boolean sudoAsksPassword, List<String> argv) throws Exception {
        tool("id", "echo " + uid);
        tool(
                "sudo",
                sudoAsksPassword
                        ? "echo 'sudo: a password is required' >&2; exit 1"
                        : "[ \"$1\" = -n ] || exit 9; shift; [ \"$1\" = -- ] && shift; exec \"$@\"");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out + "exit " + p.waitFor();
    }

    private void tool(String name, String body) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theProbeAnswersBothQuestionsInOneExec() throws Exception {
        assertEquals("0\nexit 0", run("0", true, SudoCommands.probe()));
        assertEquals("1000\nexit 0", run("1000", false, SudoCommands.probe()));
        assertEquals("1000\nsudo: a password is required\nexit 1", run("1000", true, SudoCommands.probe()));
    }

    @Test
    void theFirstRootCommandNamesItsWayThenRuns() throws Exception {
        List<String> argv = SudoCommands.asRootWithoutPassword(List.of("echo", "a b", "$HOME"));
        assertEquals("--littlehub-as-root-by-root\na b $HOME\nexit 0", run("0", true, argv));
        assertEquals("--littlehub-as-root-by-sudo\na b $HOME\nexit 0", run("1000", false, argv));
    }

    @Test
    void whenSudoWantsAPasswordNothingRuns() throws Exception {
        List<String> argv = SudoCommands.asRootWithoutPassword(
                List.of("touch", bin.resolve("ran").toString()));
        assertEquals("sudo: a password is required\nexit 1", run("1000", true, argv));
        assertEquals(false, Files.exists(bin.resolve("ran")));
    }
}
