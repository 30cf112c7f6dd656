package io.littlehub.cli.localvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalVmLauncherTest {
    @TempDir
    Path dir;

    @Test
    void theEnvironmentNamesTheLauncherFirst() throws IOException {
        Path cli = Files.createFile(dir.resolve("littlehub.jar"));
        Files.createFile(dir.resolve(LocalVmLauncher.JAR_NAME));
        assertEquals(
                Optional.of(Path.of("/opt/x.jar")),
                LocalVmLauncher.locate(Map.of(LocalVmLauncher.JAR_ENV, "/opt/x.jar"), cli));
    }

    @Test
    void anInstalledLauncherSitsBesideTheCliOrInLib() throws IOException {
        Path cli = Files.createFile(dir.resolve("littlehub.jar"));
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path launcher = Files.createFile(lib.resolve(LocalVmLauncher.JAR_NAME));
        assertEquals(Optional.of(launcher), LocalVmLauncher.locate(Map.of(), cli));
        Path beside = Files.createFile(dir.resolve(LocalVmLauncher.JAR_NAME));
        assertEquals(Optional.of(beside), LocalVmLauncher.locate(Map.of(), cli));
    }

    @Test
    void aCheckoutFindsTheHarnessBuild() throws IOException {
        Path cli = Files.createFile(
                Files.createDirectories(dir.resolve("cli/target")).resolve("littlehub.jar"));
        Path harness = Files.createFile(
                Files.createDirectories(dir.resolve("test-vms/target")).resolve("littlehub-test-vms-0.6.0-all.jar"));
        Files.createFile(dir.resolve("test-vms/target/littlehub-test-vms-0.6.0.jar"));
        assertEquals(Optional.of(harness), LocalVmLauncher.locate(Map.of(), cli));
    }

    @Test
    void nothingInstalledIsNothingFound() throws IOException {
        Path cli = Files.createFile(
                Files.createDirectories(dir.resolve("cli/target")).resolve("littlehub.jar"));
        assertEquals(Optional.empty(), LocalVmLauncher.locate(Map.of(LocalVmLauncher.JAR_ENV, " "), cli));
        assertEquals(Optional.empty(), LocalVmLauncher.locate(Map.of(), null));
    }

    @Test
    void theChildRunsTheSameJavaOnTheLauncherJar() {
        List<String> argv = new LocalVmLauncher(Path.of("/x/littlehub-local-vm.jar"))
                .command(LocalVmLauncher.upVerb("littlehub-try", "qemu"));
        assertEquals(
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        "/x/littlehub-local-vm.jar",
                        "up",
                        "littlehub-try",
                        "--backend",
                        "qemu"),
                argv);
    }

    @Test
    void stoppingIsTheLaunchersDown() {
        assertEquals(List.of("down", "littlehub-try"), LocalVmLauncher.downVerb("littlehub-try"));
    }

    @Test
    void theUpLineIsReadWithItsFolder() throws IOException {
        String line =
                "{\"name\":\"t\",\"host\":\"127.0.0.1\",\"ssh_port\":2201,\"user\":\"root\",\"identity\":\"/k/id\","
                        + "\"http_port\":8001,\"https_port\":8443,\"backend\":\"nspawn\",\"image\":\"debian-12\",\"folder\":\"/w/vms/t\"}";
        LocalVm vm = new ObjectMapper().readValue(line, LocalVm.class);
        assertEquals(new LocalVm("t", "127.0.0.1", 2201, "root", "/k/id", 8001, "/w/vms/t"), vm);
        assertTrue(vm.knownHosts().endsWith("vms/t/known_hosts"));
    }
}
