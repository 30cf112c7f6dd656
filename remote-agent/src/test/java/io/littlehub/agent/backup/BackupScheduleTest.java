package io.littlehub.agent.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.config.ConfigValidator;
import io.littlehub.common.config.HubConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code backup --schedule}: one config change for both keys, and what the admin is told afterwards. */
class BackupScheduleTest {
    @Test
    void bothKeysInOneChangeAndOffStaysText() {
        String before = "users:\n  admin: [teacher]\n";
        String daily = BackupSchedule.change("daily", 2).apply(before);
        assertEquals(
                "users:\n  admin: [teacher]\nbackup:\n  schedule: daily\n  keep: 2\n",
                daily,
                "the list stays as written");
        assertEquals(List.of(), new ConfigValidator().validate(daily));
        String off = BackupSchedule.change("off", null).apply(daily);
        assertEquals(
                "users:\n  admin: [teacher]\nbackup:\n  schedule: 'off'\n  keep: 2\n",
                off,
                "quoted: a bare off would be false");
        assertEquals("off", ((java.util.Map<?, ?>) HubConfig.load(off).get("backup")).get("schedule"));
        assertEquals(List.of(), new ConfigValidator().validate(off));
        assertEquals(
                daily, BackupSchedule.change("daily", 2).apply(daily), "the same command twice is the same config");
    }

    @Test
    void aCommentedConfigKeepsEveryLineAndGetsTheSectionAtTheEnd() throws Exception {
        String before = java.nio.file.Files.readString(
                java.nio.file.Path.of("../common/src/test/resources/config-edit/commented-class.yaml"));
        assertEquals(
                before + "backup:\n  schedule: daily\n  keep: 7\n",
                BackupSchedule.change("daily", 7).apply(before));
        String weekly = BackupSchedule.change("weekly", null)
                .apply(before + "backup:  # nightly archives\n  schedule: daily\n");
        assertEquals(before + "backup:  # nightly archives\n  schedule: weekly\n", weekly);
    }

    @Test
    void badValuesReachTheValidator() {
        assertEquals(
                2,
                new ConfigValidator()
                        .validate(BackupSchedule.change("monthly", 0).apply(""))
                        .size(),
                "both the schedule and keep are reported");
    }

    @Test
    void theReportSaysWhereWhenAndWhichPassphrase() {
        List<String> on = BackupSchedule.report(
                HubConfig.load("backup: {schedule: weekly, keep: 4}\n"), "Mon 2025-01-13 00:45:10 UTC");
        String text = String.join("\n", on);
        assertTrue(
                text.contains("Scheduled backups: weekly")
                        && text.contains("/var/backups/littlehub")
                        && text.contains("newest 4"),
                text);
        assertTrue(
                text.contains("Next run: Mon 2025-01-13 00:45:10 UTC (a random time in the hour after midnight"), text);
        assertTrue(
                text.contains("sealed with the passphrase in /etc/littlehub/backup-passphrase: copy it somewhere safe"),
                text);
        assertTrue(String.join("\n", BackupSchedule.report(HubConfig.load("backup: {schedule: daily}\n"), ""))
                .contains("Next run: not scheduled yet"));
        assertEquals(
                List.of(
                        "Scheduled backups are off: the timer is stopped and disabled. Archives already in /var/backups/littlehub"
                                + " stay until you delete them."),
                BackupSchedule.report(HubConfig.load(""), ""));
    }
}
