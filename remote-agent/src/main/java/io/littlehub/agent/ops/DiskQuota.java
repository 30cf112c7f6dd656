package io.littlehub.agent.ops;

import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code limits.disk}: a Linux user quota on the filesystem holding {@code path} (the homes) for every unix user whose
 * name starts with {@code prefix}: {@code defaultKib} each (0 = no limit), {@code users} (unix name → KiB) instead for
 * some. Soft and hard limit are the same, so a write past it fails at once with "Disk quota exceeded" (EDQUOT).
 *
 * <p>ext2/3/4 get journaled quota files turned on while mounted, no reboot: the {@code quota} package, the kernel's
 * quota_v2 format, {@code usrjquota=aquota.user,jqfmt=vfsv0} in the mount's fstab line and a remount, then {@code
 * quotacheck -cum} and {@code quotaon}. (Not {@code tune2fs -O quota}: it needs the filesystem unmounted.) XFS turns
 * quotas on only at mount time and other filesystems have none: those, and a kernel without the quota format, are
 * refused (one {@link Action.Fail} naming why and the fix) before anything is installed or changed. No limit wanted:
 * the limits set earlier go back to none (quotas stay on, harmless).
 *
 * <p>btrfs has no user quotas but quota groups, one per subvolume ({@link BtrfsHomes}): {@code btrfs-progs}, {@code
 * btrfs quota enable} (at once, while mounted) and a limit on each home that is a subvolume; the hub makes new homes
 * subvolumes when {@code limits.disk} is set. The kernel keeps them itself: no format module, no files, no fstab line.
 */
public record DiskQuota(String path, long defaultKib, Map<String, Long> users, String prefix)
        implements Operation<DiskQuota.Facts> {
    static final String JOURNALED = "usrjquota=aquota.user,jqfmt=vfsv0";

    /** What {@code findmnt -T path} says of the filesystem holding it. */
    public record Mount(String target, String source, String fstype, String options) {
        /** The filesystem holding {@code path}; null when findmnt fails. */
        public static Mount of(Machine machine, String path) {
            CommandResult found =
                    machine.run(List.of("findmnt", "-n", "-o", "TARGET,SOURCE,FSTYPE,OPTIONS", "-T", path));
            return found.ok() ? parse(found.stdout()) : null;
        }

        static Mount parse(String findmnt) {
            String[] f = findmnt.strip().split("\\s+");
            return f.length < 4 ? null : new Mount(f[0], f[1], f[2], f[3]);
        }

        public boolean btrfs() {
            return fstype.equals("btrfs");
        }

        boolean journaledQuota() {
            return options.contains("usrjquota=") || options.contains("usrquota");
        }
    }

    /** A user's block use and limits in KiB, as repquota reports them. */
    public record Usage(long usedKib, long softKib, long hardKib) {
        static final Usage NONE = new Usage(0, 0, 0);
    }

    /**
     * @param mount         the filesystem holding the homes (null when findmnt failed)
     * @param quotaFormat   the kernel can keep quota files (quota_v2 loaded or loadable; always on btrfs)
     * @param tools         the quota tools are installed (setquota; btrfs on btrfs)
     * @param quotaOn       user quotas are on there (quota groups on btrfs)
     * @param fstab         /etc/fstab's text ("" when missing; not read on btrfs)
     * @param users         every unix user with the prefix, with their use and limits (Usage.NONE while quotas are off);
     *                      on btrfs only those whose home is a subvolume
     */
    public record Facts(
            Mount mount, boolean quotaFormat, boolean tools, boolean quotaOn, String fstab, Map<String, Usage> users) {}

    public DiskQuota {
        users = Map.copyOf(users);
    }

    boolean wanted() {
        return defaultKib > 0 || users.values().stream().anyMatch(k -> k > 0);
    }

    @Override
    public Facts gather(Machine machine) {
        Mount mount = Mount.of(machine, path);
        if (mount != null && mount.btrfs()) {
            return gatherBtrfs(machine, mount);
        }
        boolean tools = machine.run(List.of("sh", "-c", "command -v setquota")).ok();
        boolean on = tools
                && mount != null
                && machine.run(List.of("quotaon", "-p", "-u", mount.target()))
                        .stdout()
                        .contains(" is on");
        if (!wanted() && !on) {
            return new Facts(mount, false, tools, false, "", Map.of());
        }
        boolean format = machine.stat("/sys/module/quota_v2").isPresent()
                || machine.run(List.of("modprobe", "-n", "-q", "quota_v2")).ok();
        String fstab = machine.read("/etc/fstab")
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse("");
        Map<String, Usage> report = on
                ? repquota(
                        machine.run(List.of("repquota", "-u", mount.target())).stdout())
                : Map.of();
        Map<String, Usage> people = new LinkedHashMap<>();
        for (String name : people(machine)) {
            people.put(name, report.getOrDefault(name, Usage.NONE));
        }
        return new Facts(mount, format, tools, on, fstab, people);
    }

    /** The unix users with the prefix. */
    private List<String> people(Machine machine) {
        List<String> out = new ArrayList<>();
        for (String line : machine.run(List.of("getent", "passwd")).stdout().split("\n")) {
            String name = line.split(":", 2)[0];
            if (name.startsWith(prefix)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Without btrfs-progs no home is a subvolume the hub made (useradd runs btrfs to make one): none to list. */
    private Facts gatherBtrfs(Machine machine, Mount mount) {
        boolean tools = machine.run(List.of("sh", "-c", "command -v btrfs")).ok();
        CommandResult qgroups = tools ? machine.run(BtrfsHomes.qgroups(mount.target())) : null;
        boolean on = qgroups != null && qgroups.ok();
        if (!tools || (!wanted() && !on)) {
            return new Facts(mount, true, tools, on, "", Map.of());
        }
        Map<String, Usage> homes =
                BtrfsHomes.usage(machine.run(BtrfsHomes.subvolumes(path)).stdout(), on ? qgroups.stdout() : "");
        Map<String, Usage> people = new LinkedHashMap<>();
        for (String name : people(machine)) {
            if (homes.containsKey(name)) {
                people.put(name, homes.get(name));
            }
        }
        return new Facts(mount, true, tools, on, "", people);
    }

    /**
     * repquota's report: after the dashes, {@code NAME FLAGS USED SOFT HARD [GRACE] FILES …} per user, blocks in KiB
     * (the grace column is there only past a soft limit, so only the first five fields are read).
     */
    public static Map<String, Usage> repquota(String report) {
        Map<String, Usage> out = new LinkedHashMap<>();
        boolean rows = false;
        for (String line : report.split("\n")) {
            if (line.startsWith("---")) {
                rows = true;
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (rows && f.length >= 5 && f[2].matches("\\d+") && f[3].matches("\\d+") && f[4].matches("\\d+")) {
                out.put(f[0], new Usage(Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
            }
        }
        return out;
    }

    long limitOf(String user) {
        return users.getOrDefault(user, defaultKib);
    }

    @Override
    public List<Action> plan(Facts facts) {
        if (!wanted()) {
            return facts.quotaOn() ? limits(facts, facts.mount().target()) : List.of();
        }
        String refusal = refusal(facts);
        if (refusal != null) {
            return List.of(new Action.Fail(refusal));
        }
        Mount m = facts.mount();
        List<Action> actions = new ArrayList<>();
        if (!facts.tools()) {
            actions.addAll(
                    new AptPackages(List.of(m.btrfs() ? "btrfs-progs" : "quota")).plan(AptPackages.Facts.nothing()));
        }
        if (m.btrfs()) {
            if (!facts.quotaOn()) {
                actions.add(new Action.Run(List.of("btrfs", "quota", "enable", m.target())));
            }
            actions.addAll(limits(facts, m.target()));
            return actions;
        }
        if (!facts.quotaOn()) {
            actions.add(new Action.Run(List.of("modprobe", "quota_v2")));
            String fstab = withJournaledQuota(facts.fstab(), m.target());
            if (!fstab.equals(facts.fstab())) {
                actions.add(new Action.WriteFile("/etc/fstab", fstab, "root", "root", 0644, false));
            }
            if (!m.journaledQuota()) {
                actions.add(new Action.Run(List.of("mount", "-o", "remount," + JOURNALED, m.target())));
            }
            actions.add(new Action.Run(List.of("quotacheck", "-cum", m.target())));
            actions.add(new Action.Run(List.of("quotaon", "-u", m.target())));
        }
        actions.addAll(limits(facts, m.target()));
        return actions;
    }

    /** One setquota per user whose limits differ from the wanted ones (soft = hard; no inode limits). */
    private List<Action> limits(Facts facts, String target) {
        List<Action> out = new ArrayList<>();
        facts.users().forEach((user, usage) -> {
            long want = limitOf(user);
            if (usage.softKib() != want || usage.hardKib() != want) {
                out.add(new Action.Run(
                        facts.mount().btrfs()
                                ? BtrfsHomes.limit(path + "/" + user, want)
                                : setquota(user, want, target)));
            }
        });
        return out;
    }

    /** The exact command: block soft and hard limits in KiB, no inode limits. */
    public static List<String> setquota(String user, long kib, String target) {
        return List.of("setquota", "-u", user, Long.toString(kib), Long.toString(kib), "0", "0", target);
    }

    /** Why quotas cannot be had here and what to do, or null when they can. */
    static String refusal(Facts facts) {
        Mount m = facts.mount();
        if (m == null) {
            return "limits.disk: cannot tell which filesystem holds the homes (findmnt failed): nothing changed";
        }
        String where = "the filesystem holding the homes (" + m.fstype() + " " + m.source() + " on " + m.target() + ")";
        if (facts.quotaOn() || m.btrfs()) {
            return null;
        }
        if (m.fstype().equals("xfs")) {
            return "limits.disk: " + where + " has no user quotas, and XFS turns them on only when it is mounted: add"
                    + " uquota to its options in /etc/fstab (for the root filesystem, rootflags=uquota on the kernel"
                    + " command line in /etc/default/grub, then update-grub), reboot, and run this again; or unset"
                    + " limits.disk. Nothing changed";
        }
        if (!m.fstype().matches("ext[234]")) {
            return "limits.disk: " + where + " cannot keep per-user quotas here (littlehub sets them on ext4, xfs or"
                    + " btrfs): put /home on an ext4 disk, or unset limits.disk. Nothing changed";
        }
        if (!facts.quotaFormat()) {
            return "limits.disk: the kernel cannot keep quota files (no quota_v2 module: it was built without"
                    + " CONFIG_QFMT_V2), so " + where + " cannot have per-user quotas: boot the distribution's own"
                    + " kernel (Debian's linux-image-amd64 has it), or unset limits.disk. Nothing changed";
        }
        return null;
    }

    /** fstab with the journaled-quota options added to the line mounting {@code target} (unchanged when none does). */
    static String withJournaledQuota(String fstab, String target) {
        StringBuilder out = new StringBuilder();
        for (String line : fstab.split("(?<=\n)")) {
            String[] f = line.strip().split("\\s+");
            boolean mine = !line.strip().startsWith("#") && f.length >= 4 && f[1].equals(target);
            if (mine && !f[3].contains("usrjquota=") && !f[3].contains("usrquota")) {
                String options = f[3] + "," + JOURNALED;
                int at = line.indexOf(f[3], line.indexOf(f[2]) + f[2].length());
                line = line.substring(0, at) + options + line.substring(at + f[3].length());
            }
            out.append(line);
        }
        return out.toString();
    }
}
