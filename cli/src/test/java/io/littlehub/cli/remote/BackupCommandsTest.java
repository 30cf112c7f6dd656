package io.littlehub.cli.remote;

import static io.littlehub.cli.remote.Argv.ADA_WAITS;
import static io.littlehub.cli.remote.Argv.HUB_AGENT;
import static io.littlehub.cli.remote.Argv.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BackupCommandsTest {
    @Test
    void theArchiveComesOnStdoutAndThePassphraseAndEarlierManifestGoOnStdin() {
        assertEquals(
                of(HUB_AGENT, "backup", "--to-stdout", "--hub", "class-a", "--passphrase-stdin", "--since-stdin"),
                BackupCommands.toStdout("class-a", true, true));
        assertEquals(
                of(HUB_AGENT, "backup", "--to-stdout", "--hub", "class-a", "--no-secrets"),
                BackupCommands.toStdout("class-a", false, false));
    }

    @Test
    void restoreReadsTheArchiveFromStdin() {
        assertEquals(
                of(HUB_AGENT, "restore", "--from-stdin", "--passphrase-stdin"),
                BackupCommands.restore(true, AgentOptions.NONE));
        assertEquals(
                of(HUB_AGENT, "restore", "--who", "ana@laptop", "--from-stdin", "--no-secrets"),
                BackupCommands.restore(false, new AgentOptions(false, null, "ana@laptop")));
    }

    @Test
    void aScheduleIsAChangeOfTheHubsConfig() {
        assertEquals(
                of(HUB_AGENT, "backup", "--wait", "5", "--who", "ada@laptop", "--schedule", "daily", "--keep", "14"),
                BackupCommands.schedule("daily", 14, ADA_WAITS));
        assertEquals(
                of(HUB_AGENT, "backup", "--schedule", "off"), BackupCommands.schedule("off", null, AgentOptions.NONE));
    }
}
