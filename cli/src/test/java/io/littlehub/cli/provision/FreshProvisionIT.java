package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.ExitCodes;
import io.littlehub.testvm.Vm;
import io.littlehub.testvm.junit.TestVm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 20's fresh provision, from the laptop's jar as a teacher runs it: the installers littlehub brings (uv, npm
 * from the npm registry, no Debian npm), an install cut off by killing the laptop's process, finished by the next
 * run; a student's cell; the users' environment keeps pip for admins. On Debian 13 too, behind
 * {@code -Dlittlehub.debian13=true} (a slower suite: the first run debootstraps its image).
 */
class FreshProvisionIT {
    private static final Path CLI_JAR = Path.of("target", "littlehub.jar");

    @Test
    void aProvisionKilledMidInstallFinishesOnTheNextRun(@TestVm(backend = "nspawn") Vm vm) throws Exception {
        Path home = Files.createTempDirectory("littlehub-fresh-it");
        Process cut = littlehub(vm, home);
        List<String> seen = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(cut.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.add(line);
                // The users' environment's install is under way: the laptop's process dies (SIGKILL), so does SSH.
                if (line.contains("\"event\":\"progress\"") && seen.stream().anyMatch(FreshProvisionIT::usersInstall)) {
                    break;
                }
            }
            Thread.sleep(2_000);
            cut.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(seen.stream().anyMatch(FreshProvisionIT::usersInstall), "the run reached the install: " + seen);
        // The package lists the laptop's Java step fetched serve the playbook's first apt task: no second update.
        assertTrue(
                seen.stream().anyMatch(l -> result(l, "Java runtime for the agent") && l.contains("\"changed\"")),
                "the laptop installed Java (its apt-get update marked the lists): " + seen);
        assertTrue(
                seen.stream()
                        .anyMatch(l -> result(l, "System packages for the Python environments")
                                && l.contains("apt-get install")
                                && !l.contains("apt-get update")),
                "the first apt task installed without fetching the lists again: " + seen);
        assertNotEquals("200", health(vm), "the hub was not up yet when the laptop died (else this proves nothing)");

        // The cut run's agent goes on and holds the change lock until it ends; a rerun waits 60 s for it, then says
        // "busy, try again" (exit 6), as a teacher would see on a loaded host: try again, as they would.
        Process again;
        String rest;
        int tries = 0;
        do {
            again = littlehub(vm, home);
            rest = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } while (again.waitFor() == ExitCodes.LOCKED && ++tries < 10);
        assertEquals(0, again.exitValue(), rest + Files.readString(home.resolve("stderr.log")));
        assertTrue(rest.contains("\"event\":\"recap\""), rest);
        assertEquals("200", health(vm));
        aClassWorks(vm);
    }

    @Test
    @EnabledIfSystemProperty(named = "littlehub.debian13", matches = "true")
    void debian13(@TestVm(backend = "nspawn", image = "debian-13") Vm vm) throws Exception {
        Path home = Files.createTempDirectory("littlehub-fresh-it-13");
        Process run = littlehub(vm, home);
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.waitFor(), out + new String(run.getErrorStream().readAllBytes()));
        assertTrue(vm.check("cat", "/etc/os-release").contains("VERSION_ID=\"13\""));
        aClassWorks(vm);
    }

    private static boolean result(String line, String task) {
        return line.contains("\"event\":\"result\"") && line.contains(task);
    }

    private static boolean usersInstall(String line) {
        return line.contains("\"event\":\"task\"") && line.contains("Users' environment packages");
    }

    /** `littlehub provision --json` as the teacher runs it: its own JVM, its own home (known_hosts, hubs). */
    private static Process littlehub(Vm vm, Path home) throws IOException {
        assertTrue(Files.isRegularFile(CLI_JAR), "package builds " + CLI_JAR);
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home,
                "-jar",
                CLI_JAR.toString(),
                "provision",
                vm.user() + "@127.0.0.1",
                "-p",
                String.valueOf(vm.sshPort()),
                "-i",
                vm.identity().toString(),
                "--yes",
                "--admin",
                "teacher",
                "--name",
                "fresh",
                "--json");
        pb.environment().remove("SSH_AUTH_SOCK");
        pb.environment().put("HOME", home.toString());
        pb.environment().put("LITTLEHUB_CONFIG_HOME", home.resolve("config").toString());
        pb.redirectError(home.resolve("stderr.log").toFile());
        return pb.start();
    }

    private static String health(Vm vm) {
        return vm.exec("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:8081/hub/health")
                .stdout()
                .strip();
    }

    /** A student's cell runs; no Debian npm came along; admins' pip is in the users' environment; downloads kept. */
    private static void aClassWorks(Vm vm) throws Exception {
        vm.check("sudo", "littlehub-agent", "add-student", "student1");
        HubClient student = new HubClient("http://127.0.0.1:" + vm.httpPort());
        student.login("student1", "first-password-1");
        student.startServer("student1", Duration.ofSeconds(180));
        assertEquals("20", student.execute("student1", "5*4"));
        assertNotEquals(0, vm.exec("dpkg", "-s", "npm").exitCode(), "Debian's npm is not installed");
        assertTrue(vm.check("/opt/littlehub/user/bin/python", "-m", "pip", "--version")
                .startsWith("pip "));
        assertTrue(vm.check("ls", "/var/cache/littlehub").contains("npm-"), "the npm tarball is kept");
        assertTrue(vm.check("sudo", "du", "-sm", "/var/cache/littlehub/uv").matches("(?s)[1-9][0-9]+\\s.*"));
    }
}
