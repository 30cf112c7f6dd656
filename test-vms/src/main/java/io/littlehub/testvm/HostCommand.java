package io.littlehub.testvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program on the host from an argument list (never a shell string) and captures its output. */
final class HostCommand {
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private HostCommand() {}

    static Result run(List<String> argv) {
        return run(argv, null, 600);
    }

    static Result run(List<String> argv, Path logFile, long timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            Path out = java.nio.file.Files.createTempFile("lh-testvm-out", ".txt");
            Path err = logFile != null ? logFile : java.nio.file.Files.createTempFile("lh-testvm-err", ".txt");
            pb.redirectOutput(out.toFile());
            pb.redirectError(
                    logFile != null
                            ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                            : ProcessBuilder.Redirect.to(err.toFile()));
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new HarnessException("timed out after " + timeoutSeconds + " s: " + String.join(" ", argv));
            }
            String stdout = java.nio.file.Files.readString(out, StandardCharsets.UTF_8);
            String stderr =
                    logFile != null ? tail(logFile) : java.nio.file.Files.readString(err, StandardCharsets.UTF_8);
            java.nio.file.Files.deleteIfExists(out);
            if (logFile == null) {
                java.nio.file.Files.deleteIfExists(err);
            }
            return new Result(p.exitValue(), stdout, stderr);
        } catch (IOException e) {
            throw new HarnessException(
                    "cannot run " + argv.get(0) + ": " + e.getMessage()
                            + " (is it installed? `test-vms/vm host-packages --yes` installs what the harness needs)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    /** Runs the command and returns its stdout, or throws with its stderr when it fails. */
    static String check(String... argv) {
        return check(List.of(argv));
    }

    static String check(List<String> argv) {
        Result r = run(argv);
        if (!r.ok()) {
            throw new HarnessException("command failed (exit " + r.exitCode() + "): " + String.join(" ", argv) + "\n"
                    + r.stderr().strip());
        }
        return r.stdout();
    }

    /** Like {@link #check} but sends stderr to a log file and quotes its tail on failure. */
    static void checkLogged(List<String> argv, Path logFile, long timeoutSeconds) {
        Result r = run(argv, logFile, timeoutSeconds);
        if (!r.ok()) {
            throw new HarnessException("command failed (exit " + r.exitCode() + "): " + String.join(" ", argv)
                    + "\nlast lines of " + logFile + ":\n" + r.stderr());
        }
    }

    /** Starts a long-running program in its own session so it outlives this JVM; returns its PID. */
    static long startDetached(List<String> argv, Path logFile) {
        List<String> full = new ArrayList<>();
        // setsid execs in place (this child is not a group leader), so the PID we get is the program's own.
        full.add("setsid");
        full.addAll(argv);
        try {
            Process p = new ProcessBuilder(full)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectErrorStream(true)
                    .start();
            return p.pid();
        } catch (IOException e) {
            throw new HarnessException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
