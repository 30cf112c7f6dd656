package io.littlehub.cli.hubconfig;

import java.io.IOException;
import java.nio.file.Path;

/** Lets the teacher edit a file and returns when they are done, with the editor's exit code. */
@FunctionalInterface
public interface Editor {
    int edit(Path file) throws IOException, InterruptedException;
}
