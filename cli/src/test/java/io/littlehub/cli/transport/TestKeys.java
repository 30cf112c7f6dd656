package io.littlehub.cli.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Key files made with the host's ssh-keygen, and a small process runner for tests. */
final class TestKeys {
    private TestKeys() {}

    /** Writes {@code file} and {@code file.pub}; {@code passphrase} "" for none. */
    static Path generate(Path file, String type, String passphrase) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".pub"));
        if (type.equals("rsa")) {
            exec(
                    "ssh-keygen",
                    "-q",
                    "-t",
                    "rsa",
                    "-b",
                    "3072",
                    "-N",
                    passphrase,
                    "-C",
                    "littlehub-test-" + type,
                    "-f",
                    file.toString());
        } else {
            exec(
                    "ssh-keygen",
                    "-q",
                    "-t",
                    type,
                    "-N",
                    passphrase,
                    "-C",
                    "littlehub-test-" + type,
                    "-f",
                    file.toString());
        }
        return file;
    }

    static String publicLine(Path key) throws IOException {
        return Files.readString(Path.of(key + ".pub")).trim();
    }

    static String exec(String... argv) throws IOException, InterruptedException {
        return exec(Map.of(), argv);
    }

    static String exec(Map<String, String> env, String... argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(argv)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        int code = p.waitFor();
        String text = out.toString(StandardCharsets.UTF_8);
        if (code != 0) {
            throw new IOException(String.join(" ", argv) + " failed (" + code + "): " + text);
        }
        return text;
    }
}
