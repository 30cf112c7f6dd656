package io.littlehub.agent.doctor;

import io.littlehub.agent.ops.DiskQuota;
import io.littlehub.agent.status.StatusReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code limits.disk} as the homes' filesystem keeps it: the users (unix names, {@code jupyter-…}) with a quota who
 * use at least {@link #NEAR} of it, and (btrfs) the homes that should have a limit but are plain folders, which no
 * quota group can limit. Pure: read from {@code repquota -u}'s or btrfs's reports; {@code quotaOn} false when the
 * filesystem has no user quotas on (then there is nothing to check).
 */
public record QuotaUse(boolean quotaOn, Map<String, DiskQuota.Usage> users, List<String> unlimitedHomes) {
    static final QuotaUse NONE = new QuotaUse(false, Map.of(), List.of());
    static final double NEAR = 0.9;

    static QuotaUse of(String repquota) {
        return new QuotaUse(true, DiskQuota.repquota(repquota), List.of());
    }

    Finding finding() {
        if (!quotaOn) {
            return Finding.ok("disk-quota", "no per-user disk limits (limits.disk is not set)");
        }
        List<String> near = new ArrayList<>();
        users.forEach((user, u) -> {
            if (u.hardKib() > 0 && u.usedKib() >= NEAR * u.hardKib()) {
                near.add(String.format(
                        java.util.Locale.ROOT,
                        "%s uses %.0f%% of their disk limit (%s of %s)",
                        user,
                        100.0 * u.usedKib() / u.hardKib(),
                        StatusReport.size(u.usedKib() * 1024),
                        StatusReport.size(u.hardKib() * 1024)));
            }
        });
        if (!unlimitedHomes.isEmpty()) {
            return Finding.problem(
                    "disk-quota",
                    "not limited by limits.disk: the homes of " + String.join(", ", unlimitedHomes) + " are plain"
                            + " folders, made before limits.disk was set (on btrfs only a home that is a subvolume has"
                            + " a limit)" + (near.isEmpty() ? "" : "; " + String.join("; ", near)),
                    "as root on the VM, with the student's server stopped: btrfs subvolume create /home/NAME.new, cp -a"
                            + " --reflink=always /home/NAME/. /home/NAME.new/, mv /home/NAME /home/NAME.old, mv"
                            + " /home/NAME.new /home/NAME; then littlehub provision sets its limit (remove"
                            + " /home/NAME.old once the student's files are checked)",
                    List.of());
        }
        if (near.isEmpty()) {
            return Finding.ok("disk-quota", "every user is under 90% of their disk limit");
        }
        return Finding.problem(
                "disk-quota",
                String.join("; ", near),
                "past the limit their writes fail with \"Disk quota exceeded\": they delete files in their home, or"
                        + " raise limits.disk (or their limits.users entry's disk) with littlehub config set",
                List.of());
    }
}
