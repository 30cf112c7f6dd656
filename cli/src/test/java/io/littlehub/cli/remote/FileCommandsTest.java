package io.littlehub.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCommandsTest {
    @Test
    void everyPathComesAfterTheDashes() {
        assertEquals(List.of("mkdir", "-p", "--", "/etc/littlehub"), FileCommands.makeDirectories("/etc/littlehub"));
        assertEquals(List.of("rm", "-f", "--", "-x"), FileCommands.remove("-x"));
        assertEquals(List.of("rm", "-rf", "--", "/tmp/tmp.abc"), FileCommands.removeTree("/tmp/tmp.abc"));
        assertEquals(List.of("mv", "-f", "--", "/a.tmp", "/a"), FileCommands.move("/a.tmp", "/a"));
        assertEquals(List.of("mktemp", "-d"), FileCommands.makeTemporaryFolder());
    }

    @Test
    void pathsAreArgumentsOfTheScriptNeverPartOfIt() {
        assertEquals(
                List.of(
                        "sh",
                        "-c",
                        "install -m \"$1\" -o root -g root -- \"$2\" \"$3\" && mv -f -- \"$3\" \"$4\"",
                        "sh",
                        "0640",
                        "/tmp/tmp.abc/upload",
                        "/etc/littlehub/config.yaml.littlehub-0a1b",
                        "/etc/littlehub/config.yaml"),
                FileCommands.installAsRoot(
                        "/tmp/tmp.abc/upload",
                        0640,
                        "/etc/littlehub/config.yaml.littlehub-0a1b",
                        "/etc/littlehub/config.yaml"));
        assertEquals(
                List.of("sh", "-c", "[ -e \"$1\" ] || exit 3; sha256sum < \"$1\"", "sh", "/opt/a b;$(x)"),
                FileCommands.sha256("/opt/a b;$(x)"));
    }

    /** The hash script, run by this machine's sh: a hash for a file (even with a hostile name), exit 3 for none. */
    @Test
    void theHashScriptHashesAFileAndSaysWhenThereIsNone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a b;$(touch x)");
        Files.writeString(file, "abc");
        Process found = new ProcessBuilder(FileCommands.sha256(file.toString()))
                .directory(dir.toFile())
                .start();
        assertEquals(0, found.waitFor());
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n",
                new String(found.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(
                FileCommands.NO_SUCH_FILE,
                run(FileCommands.sha256(dir.resolve("none").toString())));
        assertEquals(List.of(file), Files.list(dir).toList());
    }

    private static int run(List<String> argv) throws IOException, InterruptedException {
        return new ProcessBuilder(argv).start().waitFor();
    }
}
