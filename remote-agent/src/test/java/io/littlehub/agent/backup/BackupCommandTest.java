package io.littlehub.agent.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The agent's backup options: what cannot go together is a usage error before anything is read or written. */
class BackupCommandTest {
    private String err;

    private int backup(String... args) {
        StringWriter w = new StringWriter();
        CommandLine cl = new CommandLine(new BackupCommand());
        cl.setErr(new PrintWriter(w));
        int exit = cl.execute(args);
        err = w.toString();
        return exit;
    }

    @Test
    void eachWayNeedsItsOwnOptions() {
        String[][] wrong = {
            {"--to-stdout"},
            {"--to-stdout", "--passphrase-file", "/p"},
            {"--to-stdout", "--no-secrets", "--keep", "3"},
            {"--to-stdout", "--no-secrets", "--who", "ada@laptop"},
            {"--to-dir", "/b", "--passphrase-file", "/p"},
            {"--to-dir", "/b", "--passphrase-file", "/p", "--keep", "0"},
            {"--to-dir", "/b", "--passphrase-file", "/p", "--keep", "366"},
            {"--to-dir", "/b", "--passphrase-stdin", "--keep", "3"},
            {"--to-dir", "/b", "--keep", "3"},
            {"--schedule", "daily", "--passphrase-file", "/p"},
            {"--schedule", "daily", "--hub", "class"},
            {"--schedule", "daily", "--to-stdout"},
            {"--keep", "3"},
            {"--to-dir", "/b", "--keep", "three"},
            {"--to-dir", "/b", "--passphrase-file", "/p", "--keep", "3", "--since-stdin"},
            {"--schedule", "daily", "--since-stdin"},
            {"--to-dir", "/b", "--passphrase-file", "/p", "--keep", "3", "--json"},
        };
        for (String[] args : wrong) {
            assertEquals(ExitCodes.USAGE, backup(args), String.join(" ", args));
        }
        backup("--to-dir", "/b", "--passphrase-file", "/p", "--keep", "0");
        assertTrue(err.contains("--to-dir needs --keep N, from 1 to 365"), err);
        backup("--to-dir", "/b", "--passphrase-file", "/p", "--keep", "3", "--since-stdin");
        assertTrue(err.contains("--since-stdin goes with --to-stdout"), err);
        backup("--to-dir", "/b", "--keep", "3");
        assertTrue(
                err.contains(
                        "--to-dir needs --passphrase-file FILE (the scheduled backups' is /etc/littlehub/backup-passphrase)"),
                err);
    }

    @Test
    void aMissingPassphraseFileIsAUsageError() {
        assertEquals(
                ExitCodes.USAGE,
                backup(
                        "--to-dir",
                        "/nonexistent/backups",
                        "--keep",
                        "3",
                        "--passphrase-file",
                        "/nonexistent/passphrase"));
    }
}
