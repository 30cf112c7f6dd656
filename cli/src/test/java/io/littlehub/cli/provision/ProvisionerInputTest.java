package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.hubconfig.ApplyFile;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.cli.transport.SshTarget;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.ConfigProblem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused before anything reaches a VM. */
class ProvisionerInputTest {
    private static int provision(Path dir, ByteArrayOutputStream buf, List<String> admins, Path config) {
        // Port 1 on loopback: nothing listens, so reaching the VM at all would fail as UNREACHABLE.
        return new Provisioner(new PrintStream(buf, true, StandardCharsets.UTF_8), new HubRegistry(dir))
                .run(
                        new Provisioner.Request(
                                new SshTarget("root", "127.0.0.1", 1, null),
                                admins,
                                config,
                                false,
                                false,
                                false,
                                null,
                                null),
                        SshOptions.defaults().withHome(dir).withAgentSocket(null));
    }

    @Test
    void aBadConfigFileIsRefusedWithItsLinesBeforeConnecting(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("hub.yaml");
        Files.writeString(config, "users:\n  admin: [teacher]\nlimits:\n  memroy: 2G\n");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit = provision(dir, buf, List.of(), config);
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.INVALID_CONFIG, exit, out);
        assertTrue(out.contains(config + ": line 4: limits.memroy: unknown key; did you mean limits.memory?"), out);
        assertTrue(out.contains(ConfigProblem.nothingChanged(1) + "; fix it and run again"), out);
    }

    @Test
    void adminNamesFollowTheHubsRulesAndAreCheckedBeforeConnecting(@TempDir Path dir) {
        assertEquals(List.of(), ConfigStaging.adminProblems(List.of("teacher", "ta-2")));
        List<ConfigProblem> bad = ConfigStaging.adminProblems(List.of("teacher", "J.Smith", ";rm -rf /"));
        assertEquals(2, bad.size(), bad.toString());
        assertTrue(bad.get(0).message().contains("\"J.Smith\" is not a valid user name"), bad.toString());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertEquals(
                ExitCodes.USAGE, provision(dir, buf, List.of("J.Smith"), null), buf.toString(StandardCharsets.UTF_8));
        assertTrue(
                buf.toString(StandardCharsets.UTF_8).startsWith("littlehub: --admin: users.admin"),
                buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadAdminPasswordFileIsRefusedBeforeConnecting(@TempDir Path dir) throws Exception {
        Path open = dir.resolve("open");
        Files.writeString(open, "a-long-enough-password\n");
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path shortOne = dir.resolve("short");
        Files.writeString(shortOne, "abc\n");
        Files.setPosixFilePermissions(shortOne, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        for (Path file : List.of(open, shortOne, dir.resolve("missing"))) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int exit = new Provisioner(new PrintStream(buf, true, StandardCharsets.UTF_8), new HubRegistry(dir))
                    .run(
                            new Provisioner.Request(
                                    new SshTarget("root", "127.0.0.1", 1, null),
                                    List.of("teacher"),
                                    null,
                                    false,
                                    false,
                                    false,
                                    null,
                                    null,
                                    file,
                                    false),
                            SshOptions.defaults().withHome(dir).withAgentSocket(null));
            String out = buf.toString(StandardCharsets.UTF_8);
            assertEquals(ExitCodes.USAGE, exit, out);
            assertTrue(
                    out.startsWith("littlehub: --admin-password-file " + file)
                            && out.strip().endsWith("nothing changed"),
                    out);
        }
    }

    @Test
    void eachProvisionUploadsItsConfigUnderANameOfItsOwn() {
        String a = ApplyFile.stagedPath("provision");
        assertTrue(a.matches("/etc/littlehub/config\\.yaml\\.provision-[0-9a-f]{12}"), a);
        assertNotEquals(a, ApplyFile.stagedPath("provision"));
    }
}
