package io.littlehub.cli.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Tells {@code bin/littlehub} that this run reached a hub. Without a class-data archive the launcher runs the CLI with
 * {@code -XX:ArchiveClassesAtExit} and keeps the archive only from a run that reached a hub: a {@code --version} or
 * {@code --help} run would archive the classes of printing a line, and every hub command would then load SSH, the
 * key exchange, JSON and the events from the jar again. The launcher names a mark file in the system property
 * {@value #PROPERTY}; this creates it. Without the property (an archive in use, the release, tests) nothing happens.
 */
public final class ClassDataTraining {
    static final String PROPERTY = "littlehub.cds.reached-hub";

    private ClassDataTraining() {}

    /** Called once an SSH login succeeded. */
    static void reachedHub() {
        reachedHub(System.getProperty(PROPERTY));
    }

    /** Pure but for the file: creates {@code mark} when there is one. */
    static void reachedHub(String mark) {
        if (mark == null || mark.isEmpty()) {
            return;
        }
        try {
            Files.writeString(Path.of(mark), "");
        } catch (IOException | InvalidPathException e) {
            // The archive of this run is then not kept, and the next run tries again: slower, never wrong.
        }
    }
}
