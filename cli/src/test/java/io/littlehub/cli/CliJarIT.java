package io.littlehub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The laptop's jar carries the agent only as a resource to push, and none of the test-VM harness. */
class CliJarIT {
    @Test
    void theCliJarHoldsNoAgentAndNoHarnessClasses() throws IOException {
        Path jar = Path.of("target", "littlehub.jar");
        assertTrue(Files.isRegularFile(jar), "package builds " + jar);
        try (JarFile j = new JarFile(jar.toFile())) {
            List<String> names = j.stream().map(ZipEntry::getName).toList();
            List<String> foreign = names.stream()
                    .filter(n -> n.startsWith("io/littlehub/agent/") || n.startsWith("io/littlehub/testvm/"))
                    .toList();
            assertEquals(List.of(), foreign, "agent or harness classes in the CLI jar");
            assertTrue(names.contains("io/littlehub/cli/agent/littlehub-agent.jar"), "the agent rides as a resource");
            assertTrue(names.contains("io/littlehub/common/ExitCodes.class"), "the shared module is in");
            assertTrue(names.contains("io/littlehub/cli/LittlehubCommand.class"));
            System.out.printf("littlehub.jar: %d entries, %.1f MB%n", names.size(), Files.size(jar) / 1e6);
        }
    }
}
