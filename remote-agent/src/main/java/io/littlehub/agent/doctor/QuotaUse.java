package io.littlehub.agent.doctor;

import io.littlehub.agent.ops.DiskQuota;
import io.littlehub.agent.status.StatusReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code limits.disk} as the homes' filesystem keeps it: the users (unix names, {@code jupyter-…}) with a quota who
 * use at least {@link #NEAR} of it. Pure: read from {@code repquota -u}'s report; {@code quotaOn} false when the
 * filesystem has no user quotas on (then there is nothing to check).
 */
public record QuotaUse(boolean quotaOn, Map<String, DiskQuota.Usage> users) {
    static final QuotaUse NONE = new QuotaUse(false, Map.of());
    static final double NEAR = 0.9;

    static QuotaUse of(String repquota) {
        return new QuotaUse(true, DiskQuota.repquota(repquota));
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
