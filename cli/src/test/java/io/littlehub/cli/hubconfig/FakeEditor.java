package io.littlehub.cli.hubconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * An editor for tests: a shell script that runs round N's shell snippet on the file ("$1"), after keeping a copy of
 * what it was shown as {@code seen-N.yaml}. Round numbers start at 1; a round without a snippet changes nothing.
 */
final class FakeEditor {
    private FakeEditor() {}

    static Path write(Path dir, String... rounds) throws IOException {
        StringBuilder s = new StringBuilder("#!/bin/sh\nset -e\ndir='" + dir + "'\n")
                .append("n=$(cat \"$dir/rounds\" 2>/dev/null || echo 0); n=$((n+1)); echo $n > \"$dir/rounds\"\n")
                .append("cp \"$1\" \"$dir/seen-$n.yaml\"\n")
                .append("case $n in\n");
        for (int i = 0; i < rounds.length; i++) {
            s.append(i + 1).append(") ").append(rounds[i]).append(" ;;\n");
        }
        s.append("esac\n");
        Path script = dir.resolve("fake-editor");
        Files.writeString(script, s);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    static int rounds(Path dir) throws IOException {
        return Files.exists(dir.resolve("rounds"))
                ? Integer.parseInt(Files.readString(dir.resolve("rounds")).strip())
                : 0;
    }

    static String seen(Path dir, int round) throws IOException {
        return Files.readString(dir.resolve("seen-" + round + ".yaml"));
    }

    static Editor editor(Path script) {
        return new ExternalEditor(List.of(script.toString()));
    }
}
