package io.littlehub.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preflight's Java section run by sh with a fake runtime on the PATH (as Debian links it: /usr/bin/java to the
 * runtime's bin/java): its release file when it has one, else what {@code java -version} says, else sh's "not found".
 */
class PreflightJavaVersionTest {
    @TempDir
    Path dir;

    private String section(Path pathDir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", PreflightCommands.JAVA_VERSION).redirectErrorStream(true);
        pb.environment().put("PATH", pathDir + ":" + tools());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** The programs the section uses besides java (this host's java stays off the PATH). */
    private Path tools() throws IOException {
        Path tools = dir.resolve("tools");
        if (!Files.isDirectory(tools)) {
            Files.createDirectories(tools);
            for (String program : new String[] {"cat", "readlink"}) {
                Path real = Files.exists(Path.of("/usr/bin", program))
                        ? Path.of("/usr/bin", program)
                        : Path.of("/bin", program);
                Files.createSymbolicLink(tools.resolve(program), real);
            }
        }
        return tools;
    }

    /** A runtime in jdk/ whose java prints a -version line; /usr/bin-like bin/java links to it. */
    private Path runtime() throws IOException {
        Path java = dir.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"21.0.5\" 2024-10-15' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path bin = Files.createDirectories(dir.resolve("usr-bin"));
        Files.createSymbolicLink(bin.resolve("java"), java);
        return bin;
    }

    @Test
    void theReleaseFileWhenTheRuntimeHasOne() throws Exception {
        Path bin = runtime();
        Files.writeString(dir.resolve("jdk/release"), "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.13\"\n");
        assertEquals("IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.13\"\n", section(bin));
    }

    @Test
    void javaVersionWithoutAReleaseFile() throws Exception {
        assertEquals("openjdk version \"21.0.5\" 2024-10-15\n", section(runtime()));
    }

    @Test
    void noJavaSaysSo() throws Exception {
        String out = section(Files.createDirectories(dir.resolve("empty")));
        assertTrue(out.contains("java") && out.contains("not found"), out);
    }
}
