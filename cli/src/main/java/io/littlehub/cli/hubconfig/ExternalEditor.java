package io.littlehub.cli.hubconfig;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The teacher's editor, found like git and visudo find it: {@code $VISUAL}, else {@code $EDITOR} (either may carry
 * arguments, like {@code code --wait}), else {@code nano}, else {@code vi} on the PATH. It runs on this terminal
 * (inherited stdin/stdout/stderr) and {@link #edit} returns when it exits.
 */
public final class ExternalEditor implements Editor {
    private final List<String> command;

    ExternalEditor(List<String> command) {
        this.command = List.copyOf(command);
    }

    public static ExternalEditor fromEnvironment(Map<String, String> env) {
        for (String var : List.of("VISUAL", "EDITOR")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return new ExternalEditor(Arrays.asList(v.strip().split("\\s+")));
            }
        }
        for (String fallback : List.of("nano", "vi")) {
            Path found = onPath(env.getOrDefault("PATH", ""), fallback);
            if (found != null) {
                return new ExternalEditor(List.of(found.toString()));
            }
        }
        throw new IllegalStateException(
                "no editor found: set $EDITOR (for example `export EDITOR=nano`) or install nano or vi");
    }

    List<String> command() {
        return command;
    }

    private static Path onPath(String path, String name) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        return null;
    }

    @Override
    public int edit(Path file) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(command);
        argv.add(file.toString());
        try {
            return new ProcessBuilder(argv).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IOException(
                    "cannot start the editor `" + String.join(" ", command) + "`: " + e.getMessage()
                            + " (set $VISUAL or $EDITOR to one that exists)",
                    e);
        }
    }
}
