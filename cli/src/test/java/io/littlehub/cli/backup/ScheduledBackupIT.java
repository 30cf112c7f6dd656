package io.littlehub.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.cli.provision.TeacherLaptop.Run;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.backup.ArchiveVerifier;
import io.littlehub.common.backup.SecretsBundle;
import io.littlehub.testvm.Vm;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scheduled backups on a hub VM, through `littlehub backup --schedule` as the teacher runs it: the timer is set up,
 * each run of the backup unit adds one archive and keeps only the newest --keep (private, verifiable, secrets sealed
 * with the VM's passphrase), the same command again changes nothing, off stops the timer, and a bad --keep changes
 * nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduledBackupIT {
    private static final String DIR = "/var/backups/littlehub";
    private static final String PASSPHRASE = "/etc/littlehub/backup-passphrase";
    private static final String TIMER = "littlehub-backup.timer";
    private static final String CONFIG = "/etc/littlehub/config.yaml";

    @AutoClose
    static TeacherLaptop laptop;

    static Vm vm;

    @BeforeAll
    static void bootAProvisionedHub() throws Exception {
        laptop = TeacherLaptop.boot("sbak-" + ProcessHandle.current().pid());
        vm = laptop.vm;
    }

    static Run backup(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "backup";
        System.arraycopy(args, 0, all, 1, args.length);
        return laptop.littlehub(all);
    }

    /** The scheduled archives, "NAME MODE OWNER" per line, in name (= time) order. */
    static List<String> archives() {
        return vm.check("sudo", "find", DIR, "-mindepth", "1", "-maxdepth", "1", "-printf", "%f %m %u\\n")
                .lines()
                .sorted()
                .toList();
    }

    static String unitState(String verb) {
        return vm.exec("systemctl", verb, TIMER).stdout().strip();
    }

    static String configHash() {
        return vm.check("sudo", "sha256sum", CONFIG);
    }

    @Test
    @Order(1)
    void aDailyScheduleStartsTheTimer() {
        Run r = backup("--schedule", "daily", "--keep", "2");
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertTrue(
                r.out().contains("Scheduled backups: daily")
                        && r.out().contains("the newest 2 are kept")
                        && r.out().contains("Next run: "),
                r.toString());
        assertTrue(
                r.out().contains("sealed with the passphrase in " + PASSPHRASE + ": copy it somewhere safe"),
                r.toString());
        String nextRun = r.out()
                .lines()
                .filter(l -> l.startsWith("Next run: "))
                .findFirst()
                .orElseThrow();
        assertTrue(
                nextRun.matches("Next run: \\w{3} \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\w+.*"),
                "a time, as systemd shows it: " + nextRun);
        assertEquals("enabled", unitState("is-enabled"));
        assertEquals("active", unitState("is-active"));
        assertTrue(vm.check("systemctl", "list-timers", "--no-pager", TIMER).contains(TIMER));
        assertEquals(
                "600 root", vm.check("sudo", "stat", "-c", "%a %U", PASSPHRASE).strip());
        assertEquals("700 root", vm.check("sudo", "stat", "-c", "%a %U", DIR).strip());
        assertTrue(
                vm.check("sudo", "cat", CONFIG).contains("backup:\n  schedule: daily\n  keep: 2\n"),
                vm.check("sudo", "cat", CONFIG));
    }

    @Test
    @Order(2)
    void eachRunAddsAnArchiveAndOnlyTheNewestTwoStay() throws Exception {
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            vm.check("sudo", "systemctl", "start", "littlehub-backup.service");
            System.out.printf("backup unit run %d: %d ms%n", i + 1, (System.nanoTime() - t) / 1_000_000);
            Thread.sleep(1000);
        }
        List<String> kept = archives();
        assertEquals(2, kept.size(), kept.toString());
        String host = vm.check("hostname").strip();
        for (String line : kept) {
            assertTrue(line.matches(java.util.regex.Pattern.quote(host) + "-[0-9]{8}-[0-9]{6}\\.tar 600 root"), line);
        }
        String newest = kept.get(1).split(" ")[0];
        byte[] archive = Base64.getDecoder()
                .decode(vm.check("sudo", "base64", "-w", "0", DIR + "/" + newest)
                        .strip());
        ArchiveVerifier.Verified v = ArchiveVerifier.verify(new ByteArrayInputStream(archive), null);
        assertTrue(v.manifest().hasSecrets(), "the secrets are in it");
        assertTrue(v.manifest().entries().stream().anyMatch(e -> e.path().equals("etc/littlehub/config.yaml")));
        char[] passphrase = vm.check("sudo", "cat", PASSPHRASE).strip().toCharArray();
        assertFalse(SecretsBundle.open(v.secretsBox(), passphrase).isEmpty(), "the VM's passphrase opens them");
        System.out.printf(
                "scheduled archive: %d bytes, %d entries%n",
                archive.length, v.manifest().entries().size());
    }

    @Test
    @Order(3)
    void theSameScheduleAgainChangesNothing() {
        String hash = configHash();
        Run r = backup("--schedule", "daily", "--keep", "2");
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertTrue(r.out().contains(" changed=0 "), r.toString());
        assertEquals(hash, configHash());
        assertEquals("active", unitState("is-active"));
    }

    @Test
    @Order(4)
    void offStopsAndDisablesTheTimerAndKeepsTheArchives() {
        List<String> kept = archives();
        Run r = backup("--schedule", "off");
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertTrue(r.out().contains("Scheduled backups are off"), r.toString());
        assertEquals("inactive", unitState("is-active"));
        assertEquals("disabled", unitState("is-enabled"));
        assertEquals(kept, archives());
        Run again = backup("--schedule", "off");
        assertEquals(ExitCodes.OK, again.exit(), again.toString());
        assertTrue(again.out().contains(" changed=0 "), again.toString());
    }

    @Test
    @Order(5)
    void aBadKeepIsRefusedAndNothingChanges() {
        String hash = configHash();
        Run r = backup("--schedule", "daily", "--keep", "0");
        assertEquals(ExitCodes.INVALID_CONFIG, r.exit(), r.toString());
        assertTrue(r.err().contains("backup.keep: 0 is not a number of archives to keep"), r.toString());
        Run monthly = backup("--schedule", "monthly");
        assertEquals(ExitCodes.INVALID_CONFIG, monthly.exit(), monthly.toString());
        assertTrue(monthly.err().contains("backup.schedule: \"monthly\" is not a schedule"), monthly.toString());
        assertEquals(hash, configHash());
        assertEquals("inactive", unitState("is-active"));
    }
}
