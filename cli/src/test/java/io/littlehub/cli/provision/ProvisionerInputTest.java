package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.ExitCodes;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.cli.transport.SshTarget;
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
    @Test
    void aBadConfigFileIsRefusedWithItsLinesBeforeConnecting(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("hub.yaml");
        Files.writeString(config, "users:\n  admin: [teacher]\nlimits:\n  memroy: 2G\n");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        // Port 1 on loopback: nothing listens, so reaching the VM at all would fail as UNREACHABLE, not INVALID_CONFIG.
        int exit = new Provisioner(new PrintStream(buf, true, StandardCharsets.UTF_8), new HubRegistry(dir)).run(
                new Provisioner.Request(new SshTarget("root", "127.0.0.1", 1, null), List.of(), config, false, false, false, null, null),
                SshOptions.defaults().withHome(dir).withAgentSocket(null));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.INVALID_CONFIG, exit, out);
        assertTrue(out.contains(config + ": line 4: limits.memroy: unknown key; did you mean limits.memory?"), out);
        assertTrue(out.contains("Nothing was changed"), out);
    }

    @Test
    void adminNamesFollowTheHubsPattern() {
        assertEquals("users:\n  admin:\n  - teacher\n", ConfigStaging.withAdmins("", List.of("teacher")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigStaging.withAdmins("", List.of("J.Smith")));
        assertTrue(e.getMessage().contains("'J.Smith' is not usable"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigStaging.withAdmins("", List.of(";rm -rf /")));
    }
}
