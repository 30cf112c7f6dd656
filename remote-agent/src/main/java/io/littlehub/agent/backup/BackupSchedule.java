package io.littlehub.agent.backup;

import io.littlehub.agent.ChangeOptions;
import io.littlehub.agent.ConfigApply;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.ConfigEdit;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.Machine;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code backup --schedule off|daily|weekly [--keep N]}: backup.schedule and backup.keep in one config change
 * (validated, locked, applied by the provision playbook, which sets up or stops the timer, rolled back on failure,
 * recorded), then what it means: where the archives go, when the timer runs next, and which passphrase seals them.
 */
public final class BackupSchedule {
    private final Machine machine;

    public BackupSchedule(Machine machine) {
        this.machine = machine;
    }

    public int apply(String schedule, Integer keep, ChangeOptions change) throws Exception {
        String summary = "backup --schedule " + schedule + (keep == null ? "" : " --keep " + keep);
        int exit = change.apply(change(schedule, keep), summary);
        if (exit != ExitCodes.OK) {
            return exit;
        }
        Map<String, Object> config =
                HubConfig.load(ConfigApply.onThisMachine(null).current());
        boolean on = !"off".equals(ConfigEdit.get(config, "backup.schedule"));
        String nextRun = on
                ? machine.run(List.of(
                                "systemctl",
                                "show",
                                "--property=NextElapseUSecRealtime",
                                "--value",
                                Layout.BACKUP_TIMER))
                        .stdout()
                        .strip()
                : "";
        // With --json, stdout carries only the events.
        PrintStream out = change.json ? System.err : System.out;
        report(config, nextRun).forEach(out::println);
        return ExitCodes.OK;
    }

    /** The change, text to text: the schedule is put as text (written as YAML, a bare off would be false), keep as a number. */
    static UnaryOperator<String> change(String schedule, Integer keep) {
        return text -> {
            String scheduled = ConfigEdit.put(text, "backup.schedule", schedule);
            return keep == null ? scheduled : ConfigEdit.put(scheduled, "backup.keep", keep);
        };
    }

    /** What the admin reads once the config is applied ({@code nextRun}: the timer's, as systemd shows it). */
    static List<String> report(Map<String, Object> config, String nextRun) {
        Object schedule = ConfigEdit.get(config, "backup.schedule");
        if ("off".equals(schedule)) {
            return List.of("Scheduled backups are off: the timer is stopped and disabled. Archives already in "
                    + Layout.SCHEDULED_BACKUPS + " stay until you delete them.");
        }
        List<String> lines = new ArrayList<>();
        lines.add("Scheduled backups: " + schedule + ", one archive per run into " + Layout.SCHEDULED_BACKUPS
                + " on the hub VM (root only); the newest " + ConfigEdit.get(config, "backup.keep") + " are kept.");
        lines.add(
                "Next run: "
                        + (nextRun.isEmpty()
                                ? "not scheduled yet (systemctl list-timers " + Layout.BACKUP_TIMER + ")"
                                : nextRun
                                        + " (a random time in the hour after midnight; a run missed while the VM is off happens when it starts)"));
        lines.add("The archives' secrets (passwords, cookie secret, tokens) are sealed with the passphrase in "
                + Layout.BACKUP_PASSPHRASE + ": copy it somewhere safe, off the VM; a restore needs it.");
        lines.add(
                "These archives go with the VM: copy one to your laptop, or run `littlehub backup` there, to restore a lost VM"
                        + " (`littlehub restore ARCHIVE USER@HOST --passphrase-file FILE`).");
        return lines;
    }
}
