package io.littlehub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/littlehub starts the CLI from its class-data archive, which the first run after a build that reaches a hub
 * writes; a run that does not (here {@code --version}) leaves none and nothing behind, so the archive is not trained
 * by printing a line. The CLI's part (the mark after an SSH login) is {@code ClassDataTrainingTest}'s; a run that
 * reached a VM kept its archive in bench-converge. Run on a copy of the launcher beside this build's jar, so nothing
 * here looks stale and nothing is rebuilt.
 */
class LauncherCdsIT {
    private static final Path LAUNCH_WITH_CDS = Path.of("..", "dist", "src", "bin", "launch-with-cds.sh");

    private record Ran(int exit, String out) {}

    private static Ran launch(Path checkout, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb =
                new ProcessBuilder(checkout.resolve("bin/littlehub").toString(), "--version").redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(p.waitFor(), out);
    }

    @Test
    void aRunThatReachesNoHubKeepsNoArchive(@TempDir Path checkout) throws Exception {
        Path jar = Path.of("target", "littlehub.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "package builds " + jar);
        Files.createDirectories(checkout.resolve("bin"));
        Files.copy(Path.of("..", "bin", "littlehub"), checkout.resolve("bin/littlehub"));
        checkout.resolve("bin/littlehub").toFile().setExecutable(true);
        Files.createDirectories(checkout.resolve("dist/src/bin"));
        Files.copy(LAUNCH_WITH_CDS, checkout.resolve("dist/src/bin/launch-with-cds.sh"));
        Files.createDirectories(checkout.resolve("cli/target"));
        Files.createDirectories(checkout.resolve("test-vms/target"));
        Files.createFile(checkout.resolve("test-vms/target/littlehub-test-vms-0-all.jar"));
        Files.copy(jar, checkout.resolve("cli/target/littlehub.jar"));
        Path archive = checkout.resolve("cli/target/littlehub.jsa");

        Ran first = launch(checkout, Map.of());
        assertEquals(0, first.exit(), first.out());
        assertTrue(first.out().startsWith("littlehub "), "the JVM's archive notes stay off stdout: " + first.out());
        assertFalse(Files.exists(archive), "a run that reached no hub keeps no archive");
        try (var files = Files.list(checkout.resolve("cli/target"))) {
            assertEquals(
                    List.of("littlehub.jar"),
                    files.map(f -> f.getFileName().toString()).toList(),
                    "no temporary archive or mark left behind");
        }

        Ran second = launch(checkout, Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info"));
        assertEquals(0, second.exit(), second.out());
        List<String> cli = second.out()
                .lines()
                .filter(l -> l.contains(" io.littlehub.cli.LittlehubCommand "))
                .toList();
        assertEquals(1, cli.size(), second.out());
        assertTrue(cli.get(0).endsWith("source: file:" + checkout.resolve("cli/target/littlehub.jar")), cli.get(0));
    }

    /**
     * The release's launcher (its layout: bin/, lib/, runtime/) shares the same archive rule (InstallProvisionIT shows
     * an installed littlehub keeping one after a provision and starting from it).
     */
    @Test
    void theReleasesLauncherKeepsNoArchiveWithoutAHub(@TempDir Path release) throws Exception {
        Path jar = Path.of("target", "littlehub.jar").toAbsolutePath();
        Files.createDirectories(release.resolve("bin"));
        Files.copy(Path.of("..", "dist", "src", "bin", "littlehub"), release.resolve("bin/littlehub"));
        release.resolve("bin/littlehub").toFile().setExecutable(true);
        Files.copy(LAUNCH_WITH_CDS, release.resolve("bin/launch-with-cds.sh"));
        Files.createDirectories(release.resolve("lib"));
        Files.copy(jar, release.resolve("lib/littlehub.jar"));
        Files.createDirectories(release.resolve("runtime/bin"));
        Files.createSymbolicLink(
                release.resolve("runtime/bin/java"), Path.of(System.getProperty("java.home"), "bin", "java"));

        Ran ran = launch(release, Map.of());
        assertEquals(0, ran.exit(), ran.out());
        assertTrue(ran.out().startsWith("littlehub "), ran.out());
        assertEquals(List.of("littlehub.jar"), names(release.resolve("lib")), "a run that reached no hub keeps none");
    }

    private static List<String> names(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
