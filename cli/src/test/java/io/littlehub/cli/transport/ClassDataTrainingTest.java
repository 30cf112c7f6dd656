package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataTrainingTest {
    @Test
    void theMarkTheLauncherNamedIsCreated(@TempDir Path dir) {
        Path mark = dir.resolve("littlehub.jsa.123.hub");
        ClassDataTraining.reachedHub(mark.toString());
        assertTrue(Files.isRegularFile(mark));
    }

    @Test
    void withoutAMarkNothingIsWritten(@TempDir Path dir) throws Exception {
        ClassDataTraining.reachedHub(null);
        ClassDataTraining.reachedHub("");
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent());
        }
    }

    @Test
    void aMarkThatCannotBeWrittenIsNoFailure(@TempDir Path dir) {
        Path mark = dir.resolve("no-such-folder/littlehub.jsa.123.hub");
        ClassDataTraining.reachedHub(mark.toString());
        assertFalse(Files.exists(mark));
    }
}
