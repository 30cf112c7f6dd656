package io.littlehub.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.ops.DiskQuota.Facts;
import io.littlehub.agent.ops.DiskQuota.Mount;
import io.littlehub.agent.ops.DiskQuota.Usage;
import io.littlehub.common.machine.FakeMachine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** limits.disk as data: facts of the homes' filesystem in, the exact commands out (or one refusal, nothing else). */
class DiskQuotaTest {
    private static final String FSTAB = "# <file system> <mount point> <type> <options> <dump> <pass>\n"
            + "UUID=1234 /    ext4 errors=remount-ro 0 1\n"
            + "/var/tmp/home.img /home ext4 loop 0 2\n";
    private static final Mount HOME = new Mount("/home", "/dev/loop0", "ext4", "rw,relatime");
    private static final long TWO_G = 2L * 1024 * 1024;

    private static Action.Run run(String... argv) {
        return new Action.Run(List.of(argv));
    }

    private static Map<String, Usage> users(Object... nameUsage) {
        Map<String, Usage> out = new LinkedHashMap<>();
        for (int i = 0; i < nameUsage.length; i += 2) {
            out.put((String) nameUsage[i], (Usage) nameUsage[i + 1]);
        }
        return out;
    }

    @Test
    void ext4WithoutQuotasGetsThemWhileMountedThenEveryUserTheirLimit() {
        DiskQuota op = new DiskQuota("/home", TWO_G, Map.of("jupyter-ada", 4L * 1024 * 1024), "jupyter-");
        Facts facts =
                new Facts(HOME, true, false, false, FSTAB, users("jupyter-ada", Usage.NONE, "jupyter-bob", Usage.NONE));
        List<Action> plan = op.plan(facts);
        assertEquals(
                List.of(
                        new Action.Run(AptCommandLines.UPDATE),
                        new Action.Run(AptCommandLines.install("quota")),
                        run("modprobe", "quota_v2"),
                        new Action.WriteFile(
                                "/etc/fstab",
                                FSTAB.replace("ext4 loop 0 2", "ext4 loop,usrjquota=aquota.user,jqfmt=vfsv0 0 2"),
                                "root",
                                "root",
                                0644,
                                false),
                        run("mount", "-o", "remount,usrjquota=aquota.user,jqfmt=vfsv0", "/home"),
                        run("quotacheck", "-cum", "/home"),
                        run("quotaon", "-u", "/home"),
                        run("setquota", "-u", "jupyter-ada", "4194304", "4194304", "0", "0", "/home"),
                        run("setquota", "-u", "jupyter-bob", "2097152", "2097152", "0", "0", "/home")),
                plan);
    }

    @Test
    void quotasOnOnlyDifferingLimitsChangeAndRemovingTheSettingRemovesThem() {
        Facts on = new Facts(
                new Mount("/", "/dev/vda", "ext4", "rw,usrjquota=aquota.user,jqfmt=vfsv0"),
                true,
                true,
                true,
                FSTAB,
                users(
                        "jupyter-ada", new Usage(10, TWO_G, TWO_G),
                        "jupyter-bob", new Usage(10, 1024, 1024),
                        "jupyter-cy", Usage.NONE));
        DiskQuota twoG = new DiskQuota("/home", TWO_G, Map.of(), "jupyter-");
        assertEquals(
                List.of(
                        run("setquota", "-u", "jupyter-bob", "2097152", "2097152", "0", "0", "/"),
                        run("setquota", "-u", "jupyter-cy", "2097152", "2097152", "0", "0", "/")),
                twoG.plan(on));
        assertEquals(
                List.of(
                        run("setquota", "-u", "jupyter-ada", "0", "0", "0", "0", "/"),
                        run("setquota", "-u", "jupyter-bob", "0", "0", "0", "0", "/")),
                new DiskQuota("/home", 0, Map.of(), "jupyter-").plan(on),
                "no limits.disk: the limits go back to none");
        assertEquals(
                List.of(),
                new DiskQuota("/home", 0, Map.of(), "jupyter-")
                        .plan(new Facts(HOME, false, false, false, "", Map.of())),
                "no limits.disk and no quotas: nothing at all");
    }

    @Test
    void aFilesystemOrKernelWithoutQuotasIsRefusedWithTheFixAndNothingElse() {
        DiskQuota op = new DiskQuota("/home", TWO_G, Map.of(), "jupyter-");
        Map<String, Usage> ada = users("jupyter-ada", Usage.NONE);
        String overlay =
                refusal(op.plan(new Facts(new Mount("/", "overlay", "overlay", "rw"), true, false, false, FSTAB, ada)));
        assertTrue(overlay.contains("overlay overlay on /") && overlay.contains("ext4"), overlay);
        String xfs = refusal(
                op.plan(new Facts(new Mount("/", "/dev/sda1", "xfs", "rw,noquota"), true, true, false, FSTAB, ada)));
        assertTrue(xfs.contains("uquota") && xfs.contains("rootflags=uquota") && xfs.contains("reboot"), xfs);
        String kernel = refusal(op.plan(new Facts(HOME, false, false, false, FSTAB, ada)));
        assertTrue(kernel.contains("CONFIG_QFMT_V2") && kernel.contains("Nothing changed"), kernel);
        assertEquals(
                List.of(run("setquota", "-u", "jupyter-ada", "2097152", "2097152", "0", "0", "/")),
                op.plan(new Facts(new Mount("/", "/dev/sda1", "xfs", "rw,usrquota"), true, true, true, FSTAB, ada)),
                "XFS mounted with quotas: limits only");
    }

    private static String refusal(List<Action> plan) {
        assertEquals(1, plan.size(), plan.toString());
        return ((Action.Fail) plan.get(0)).describe();
    }

    @Test
    void factsComeFromFindmntQuotaonRepquotaAndPasswd() {
        String report = "*** Report for user quotas on device /dev/loop0\n"
                + "Block grace time: 7days; Inode grace time: 7days\n"
                + "                        Block limits                File limits\n"
                + "User            used    soft    hard  grace    used  soft  hard  grace\n"
                + "----------------------------------------------------------------------\n"
                + "root      --      20       0       0              2     0     0       \n"
                + "jupyter-filler +-   20480   20480   20480  none      12     0     0       \n"
                + "jupyter-calm --      96   20480   20480              9     0     0       \n";
        FakeMachine m = new FakeMachine()
                .answer(List.of("findmnt"), FakeMachine.ok("/home /dev/loop0 ext4 rw,relatime,usrjquota=aquota.user\n"))
                .answer(List.of("quotaon", "-p"), FakeMachine.ok("user quota on /home (/dev/loop0) is on\n"))
                .answer(List.of("repquota"), FakeMachine.ok(report))
                .answer(
                        List.of("getent", "passwd"),
                        FakeMachine.ok("root:x:0:0::/root:/bin/bash\njupyter-filler:x:1001:1001::/home/jupyter-filler:"
                                + "/bin/bash\njupyter-calm:x:1002:1002::/home/jupyter-calm:/bin/bash\n"))
                .file("/etc/fstab", FSTAB);
        Facts facts = new DiskQuota("/home", 20480, Map.of(), "jupyter-").gather(m);
        assertEquals(new Mount("/home", "/dev/loop0", "ext4", "rw,relatime,usrjquota=aquota.user"), facts.mount());
        assertTrue(facts.tools() && facts.quotaOn());
        assertEquals(
                users("jupyter-filler", new Usage(20480, 20480, 20480), "jupyter-calm", new Usage(96, 20480, 20480)),
                facts.users());
        m.assertRanInOrder(List.of("repquota", "-u", "/home"));

        FakeMachine bare = new FakeMachine()
                .answer(List.of("sh", "-c", "command -v setquota"), FakeMachine.fails(1, ""))
                .answer(List.of("findmnt"), FakeMachine.ok("/ overlay overlay rw\n"));
        new DiskQuota("/home", 0, Map.of(), "jupyter-").gather(bare);
        bare.assertNeverRan(List.of("repquota"));
        bare.assertNeverRan(List.of("getent"));
    }

    private static final Mount BTRFS_HOME =
            new Mount("/home", "/dev/loop0", "btrfs", "rw,relatime,subvolid=5,subvol=/");

    @Test
    void btrfsGetsQuotaGroupsWhileMountedThenEverySubvolumeHomeItsLimit() {
        DiskQuota op = new DiskQuota("/home", TWO_G, Map.of("jupyter-ada", 4L * 1024 * 1024), "jupyter-");
        Facts off = new Facts(
                BTRFS_HOME, true, false, false, "", users("jupyter-ada", Usage.NONE, "jupyter-bob", Usage.NONE));
        List<Action> plan = op.plan(off);
        assertEquals(
                List.of(
                        run("btrfs", "quota", "enable", "/home"),
                        run("btrfs", "qgroup", "limit", "4194304K", "/home/jupyter-ada"),
                        run("btrfs", "qgroup", "limit", "2097152K", "/home/jupyter-bob")),
                plan.subList(2, plan.size()),
                "no quota module, files, fstab or remount: " + plan);
        assertEquals(new Action.Run(AptCommandLines.UPDATE), plan.get(0));
        assertTrue(((Action.Run) plan.get(1)).argv().contains("btrfs-progs"), plan.toString());

        Facts on = new Facts(
                BTRFS_HOME,
                true,
                true,
                true,
                "",
                users("jupyter-ada", new Usage(10, 4L * 1024 * 1024, 4L * 1024 * 1024), "jupyter-bob", Usage.NONE));
        assertEquals(List.of(run("btrfs", "qgroup", "limit", "2097152K", "/home/jupyter-bob")), op.plan(on));
        assertEquals(
                List.of(run("btrfs", "qgroup", "limit", "none", "/home/jupyter-ada")),
                new DiskQuota("/home", 0, Map.of(), "jupyter-").plan(on),
                "no limits.disk: the limits go back to none");
    }

    @Test
    void btrfsFactsComeFromItsOwnReportsAndOnlySubvolumeHomesCount() {
        String qgroups = "Qgroupid    Referenced    Exclusive  Max referenced  Max exclusive   Path \n"
                + "--------    ----------    ---------  --------------  -------------   ---- \n"
                + "0/5              16384        16384            none           none   <toplevel>\n"
                + "0/256         20955136     20955136        20971520           none   jupyter-filler\n"
                + "0/257            98304        98304            none           none   jupyter-calm\n";
        FakeMachine m = new FakeMachine()
                .answer(List.of("findmnt"), FakeMachine.ok("/home /dev/loop0 btrfs rw,relatime,subvol=/\n"))
                .answer(List.of("btrfs", "qgroup", "show"), FakeMachine.ok(qgroups))
                .answer(
                        List.of("btrfs", "subvolume", "list"),
                        FakeMachine.ok("ID 256 gen 15 top level 5 path jupyter-filler\n"
                                + "ID 257 gen 16 top level 5 path jupyter-calm\n"))
                .answer(
                        List.of("getent", "passwd"),
                        FakeMachine.ok("jupyter-filler:x:1001:1001::/home/jupyter-filler:/bin/bash\n"
                                + "jupyter-calm:x:1002:1002::/home/jupyter-calm:/bin/bash\n"
                                + "jupyter-old:x:1003:1003::/home/jupyter-old:/bin/bash\n"));
        Facts facts = new DiskQuota("/home", 20480, Map.of(), "jupyter-").gather(m);
        assertTrue(facts.tools() && facts.quotaOn() && facts.quotaFormat());
        assertEquals(
                users("jupyter-filler", new Usage(20464, 20480, 20480), "jupyter-calm", new Usage(96, 0, 0)),
                facts.users(),
                "jupyter-old's home is a plain folder: its quota group would be everyone's");
        m.assertRanInOrder(List.of("btrfs", "qgroup", "show", "--raw", "-re", "/home"));
        m.assertRanInOrder(List.of("btrfs", "subvolume", "list", "-o", "/home"));
        m.assertNeverRan(List.of("quotaon"));
        m.assertNeverRan(List.of("repquota"));

        FakeMachine off = new FakeMachine()
                .answer(List.of("findmnt"), FakeMachine.ok("/home /dev/loop0 btrfs rw\n"))
                .answer(List.of("btrfs", "qgroup", "show"), FakeMachine.fails(1, "ERROR: quotas not enabled\n"))
                .answer(
                        List.of("btrfs", "subvolume", "list"),
                        FakeMachine.ok("ID 256 gen 15 top level 5 path a/jupyter-x\n"))
                .answer(
                        List.of("getent", "passwd"),
                        FakeMachine.ok("jupyter-x:x:1001:1001::/home/jupyter-x:/bin/sh\n"));
        Facts notYet = new DiskQuota("/home", 20480, Map.of(), "jupyter-").gather(off);
        assertTrue(!notYet.quotaOn() && notYet.tools());
        assertEquals(users("jupyter-x", Usage.NONE), notYet.users());
        new DiskQuota("/home", 0, Map.of(), "jupyter-").gather(off);
        assertEquals(1, off.count(List.of("btrfs", "subvolume", "list")), "nothing wanted, nothing on: not listed");
    }
}
