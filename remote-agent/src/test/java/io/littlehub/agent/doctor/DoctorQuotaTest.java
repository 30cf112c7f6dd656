package io.littlehub.agent.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.ops.DiskQuota.Usage;
import io.littlehub.common.machine.FakeMachine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** doctor's disk-quota check on btrfs, as data: btrfs's reports in, the users near their limit out. */
class DoctorQuotaTest {
    @Test
    void onBtrfsTheQuotaGroupsOfSubvolumeHomesAreReadAfterASync() {
        FakeMachine m = new FakeMachine()
                .answer(List.of("findmnt"), FakeMachine.ok("/home /dev/loop0 btrfs rw,relatime,subvol=/\n"))
                .answer(
                        List.of("btrfs", "qgroup", "show"),
                        FakeMachine.ok("Qgroupid Referenced Exclusive Max referenced Max exclusive Path\n"
                                + "0/256 20955136 20955136 20971520 none jupyter-filler\n"
                                + "0/257 98304 98304 20971520 none jupyter-calm\n"))
                .answer(
                        List.of("btrfs", "subvolume", "list"),
                        FakeMachine.ok("ID 256 gen 15 top level 5 path jupyter-filler\n"
                                + "ID 257 gen 16 top level 5 path jupyter-calm\n"));
        QuotaUse use = new Doctor(m).quotaUse(home -> 20480);
        assertEquals(
                new QuotaUse(
                        true,
                        Map.of(
                                "jupyter-filler",
                                new Usage(20464, 20480, 20480),
                                "jupyter-calm",
                                new Usage(96, 20480, 20480)),
                        List.of()),
                use);
        String finding = use.finding().toString();
        assertTrue(finding.contains("jupyter-filler uses 100% of their disk limit"), finding);
        assertFalse(finding.contains("jupyter-calm"), finding);
        m.assertRanInOrder(
                List.of("btrfs", "filesystem", "sync", "/home"),
                List.of("btrfs", "qgroup", "show", "--raw", "-re", "/home"));
        m.assertNeverRan(List.of("repquota"));

        FakeMachine off = new FakeMachine()
                .answer(List.of("findmnt"), FakeMachine.ok("/home /dev/loop0 btrfs rw,relatime,subvol=/\n"))
                .answer(List.of("btrfs", "qgroup", "show"), FakeMachine.fails(1, "ERROR: quotas not enabled\n"));
        assertEquals(QuotaUse.NONE, new Doctor(off).quotaUse(home -> 20480), "quota groups off: nothing to check");
    }

    /** A home made before limits.disk is a plain folder on btrfs: no quota group limits it, and doctor says so. */
    @Test
    void aPlainFolderHomeThatShouldHaveALimitIsNamed() {
        FakeMachine m = new FakeMachine()
                .answer(List.of("findmnt"), FakeMachine.ok("/home /dev/loop0 btrfs rw,relatime,subvol=/\n"))
                .answer(
                        List.of("btrfs", "qgroup", "show"),
                        FakeMachine.ok("0/256 98304 98304 20971520 none jupyter-new\n"))
                .answer(
                        List.of("btrfs", "subvolume", "list"),
                        FakeMachine.ok("ID 256 gen 15 top level 5 path jupyter-new\n"))
                .answer(List.of("find", "/home"), FakeMachine.ok("jupyter-old\njupyter-new\njupyter-free\n"));
        QuotaUse use = new Doctor(m).quotaUse(home -> home.equals("jupyter-free") ? 0 : 20480);
        assertEquals(List.of("jupyter-old"), use.unlimitedHomes(), "a subvolume, or a home with no limit, is fine");
        m.assertRanInOrder(List.of(
                "find",
                "/home",
                "-mindepth",
                "1",
                "-maxdepth",
                "1",
                "-type",
                "d",
                "-name",
                "jupyter-*",
                "-printf",
                "%f\\n"));
        Finding finding = use.finding();
        assertFalse(finding.ok());
        assertTrue(finding.detail().contains("the homes of jupyter-old are plain folders"), finding.detail());
        assertTrue(finding.fix().contains("btrfs subvolume create /home/NAME.new"), finding.fix());
    }
}
