package io.littlehub.cli.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.backup.BackupWriter;
import io.littlehub.agent.backup.QuickCheck;
import io.littlehub.cli.LittlehubCommand;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.hubs.Hub;
import io.littlehub.cli.hubs.HubRegistry;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.cli.transport.SshOptions;
import io.littlehub.common.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `littlehub backup` and `restore`: everything that happens before the VM is touched. 203.0.113.7 is never reached. */
class BackupRestoreCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final StringWriter picocliErr = new StringWriter();

    private int littlehub(String... args) {
        ConfigContext ctx = new ConfigContext(
                new HubRegistry(dir.resolve("registry")),
                SshOptions.defaults()
                        .withHome(dir)
                        .withKnownHosts(dir.resolve("known_hosts"))
                        .withAgentSocket(null)
                        .withConnectTimeoutMillis(2000),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                ScriptedPrompter.nobody(),
                Map.of("USER", "teacher"));
        CommandLine cl = LittlehubCommand.commandLine(() -> ctx);
        cl.setErr(new PrintWriter(picocliErr));
        return cl.execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8) + picocliErr;
    }

    private Path archive(String passphrase) throws IOException {
        Path root = Files.createDirectories(dir.resolve("vm"));
        Files.writeString(
                Files.createDirectories(root.resolve("home/jupyter-ada")).resolve("homework.py"), "print('hi')\n");
        Files.writeString(
                Files.createDirectories(root.resolve("etc/littlehub")).resolve("config.yaml"),
                "users: {admin: [teacher]}\n");
        Files.writeString(
                Files.createDirectories(root.resolve("opt/littlehub/state")).resolve("jupyterhub_cookie_secret"), "c");
        Path tar = dir.resolve("class-20250101T000000Z.littlehub-backup.tar");
        try (OutputStream o = Files.newOutputStream(tar)) {
            new BackupWriter(root, new PrintStream(OutputStream.nullOutputStream()))
                    .write(
                            o,
                            new BackupWriter.Options(
                                    "class",
                                    "vm",
                                    passphrase == null ? null : passphrase.toCharArray(),
                                    null,
                                    QuickCheck.NONE));
        }
        return tar;
    }

    @Test
    void aTamperedArchiveIsRefusedBeforeTheHostIsTouched() throws IOException {
        Path tar = archive(null);
        byte[] b = Files.readAllBytes(tar);
        String text = new String(b, StandardCharsets.ISO_8859_1);
        b[text.indexOf("print('hi')") + 1] ^= 1;
        Files.write(tar, b);
        assertEquals(ExitCodes.FAILED, littlehub("restore", tar.toString(), "ubuntu@203.0.113.7"));
        assertTrue(
                err().contains("home/jupyter-ada/homework.py") && err().contains("Nothing was changed on 203.0.113.7"),
                err());
    }

    @Test
    void aTruncatedArchiveIsRefusedBeforeTheHostIsTouched() throws IOException {
        Path tar = archive(null);
        byte[] b = Files.readAllBytes(tar);
        Files.write(tar, Arrays.copyOf(b, b.length - 2048));
        assertEquals(ExitCodes.FAILED, littlehub("restore", tar.toString(), "ubuntu@203.0.113.7"));
        assertTrue(err().contains("truncated") && err().contains("Nothing was changed"), err());
    }

    @Test
    void theWrongPassphraseIsRefusedBeforeTheHostIsTouched() throws IOException {
        Path tar = archive("the right passphrase");
        Path wrong = Files.writeString(dir.resolve("pass"), "not the right one\n");
        assertEquals(
                ExitCodes.FAILED,
                littlehub("restore", tar.toString(), "ubuntu@203.0.113.7", "--passphrase-file", wrong.toString()));
        assertTrue(err().contains("passphrase does not open") && err().contains("Nothing was changed"), err());
    }

    @Test
    void secretsWithoutAPassphraseOrTerminalIsAUsageError() throws IOException {
        Path tar = archive("the right passphrase");
        assertEquals(ExitCodes.USAGE, littlehub("restore", tar.toString(), "ubuntu@203.0.113.7"));
        assertTrue(err().contains("--passphrase-file"), err());
    }

    @Test
    void backupOptionsExcludeEachOther() {
        assertEquals(ExitCodes.USAGE, littlehub("backup", "--no-secrets", "--passphrase-file", "x"));
    }

    @Test
    void scheduleOptionsAreCheckedBeforeTheHubIsLookedUp() {
        assertEquals(ExitCodes.USAGE, littlehub("backup", "--keep", "3"));
        assertTrue(err().contains("--keep goes with --schedule"), err());
        assertEquals(ExitCodes.USAGE, littlehub("backup", "--schedule", "daily", "--passphrase-file", "x"));
        assertEquals(ExitCodes.USAGE, littlehub("backup", "--schedule", "daily", "--to-dir", dir.toString()));
        assertEquals(ExitCodes.USAGE, littlehub("backup", "--schedule", "daily", "--keep", "seven"));
        assertTrue(!err().contains("no hub is known"), err());
    }

    @Test
    void aScheduleGoesToTheHubsAgent() {
        // Values are the agent's validator's to judge: the laptop only needs a hub to send them to.
        assertEquals(ExitCodes.USAGE, littlehub("backup", "--schedule", "monthly", "--keep", "0"));
        assertTrue(err().contains("littlehub provision"), err());
    }

    @Test
    void backupNeedsAKnownHub() {
        assertEquals(ExitCodes.USAGE, littlehub("backup", "--no-secrets"));
        assertTrue(err().contains("littlehub provision"), err());
    }

    @Test
    void backupWithoutPassphraseAsksOrSaysHow() {
        new HubRegistry(dir.resolve("registry"))
                .remember(new Hub("class", "203.0.113.7", 22, "ubuntu", null, "http://203.0.113.7/"));
        assertEquals(ExitCodes.USAGE, littlehub("backup", "--to-dir", dir.toString()));
        assertTrue(err().contains("--no-secrets"), err());
        Path shortPass = dir.resolve("short");
        assertEquals(
                ExitCodes.USAGE,
                littlehub(
                        "backup",
                        "--to-dir",
                        dir.toString(),
                        "--passphrase-file",
                        writeQuietly(shortPass, "short\n").toString()));
        assertTrue(err().contains("at least 8 characters"), err());
    }

    @Test
    void thePassphraseIsTheFilesFirstLine() throws IOException {
        Path f = Files.writeString(dir.resolve("p"), "my long passphrase\r\nsecond line\n");
        assertArrayEquals("my long passphrase".toCharArray(), Passphrases.fromFile(f));
        assertEquals("1.5 MB", Progress.size(1_572_864));
    }

    private static Path writeQuietly(Path p, String s) {
        try {
            return Files.writeString(p, s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
