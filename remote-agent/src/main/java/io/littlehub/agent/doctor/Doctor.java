package io.littlehub.agent.doctor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.agent.ConfigApply;
import io.littlehub.agent.Model;
import io.littlehub.agent.config.HubHealth;
import io.littlehub.agent.ops.BtrfsHomes;
import io.littlehub.agent.ops.DiskQuota;
import io.littlehub.agent.ops.HttpCheck;
import io.littlehub.agent.status.StatusGatherer;
import io.littlehub.agent.students.HubPeople;
import io.littlehub.agent.userenv.UserEnv;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.ConfigValidator;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.machine.Machine;
import io.littlehub.common.status.HubUnits;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/** What {@code doctor} looks at on the VM, and how it applies and reports the findings. */
final class Doctor {
    private final Machine machine;
    private final ToIntFunction<String> httpStatus;

    /** {@code httpStatus}: the HTTP status a URL answers (-1: nothing), as {@link HttpCheck#status} asks it. */
    Doctor(Machine machine, ToIntFunction<String> httpStatus) {
        this.machine = machine;
        this.httpStatus = httpStatus;
    }

    Doctor(Machine machine) {
        this(machine, HttpCheck::status);
    }

    static Doctor onThisMachine() {
        return new Doctor(new LocalMachine());
    }

    Diagnosis.Observations observe(Long laptopEpochSeconds, String laptopVersion) throws IOException {
        return observe(
                StatusGatherer.onThisMachine(),
                ConfigApply.onThisMachine(null).current(),
                laptopEpochSeconds,
                laptopVersion);
    }

    /**
     * Everything doctor looks at, with {@code status} gathering the status report from the hub config {@code config}.
     * The hub is asked for its users once, by status: the stale units and the rehearsal leftovers use its answer.
     */
    Diagnosis.Observations observe(
            StatusGatherer status, String config, Long laptopEpochSeconds, String laptopVersion) {
        StatusGatherer.Gathered gathered = status.gatherWithUsers();
        List<String> configProblems = new ConfigValidator()
                .validate(config).stream().map(Object::toString).toList();
        Long skew = laptopEpochSeconds == null ? null : System.currentTimeMillis() / 1000 - laptopEpochSeconds;
        String url = HubHealth.url(config);
        return new Diagnosis.Observations(
                gathered.status(),
                configProblems,
                environmentProblems(),
                skew,
                url,
                httpStatus.applyAsInt(url),
                staleUnits(gathered.hubUsers()),
                laptopVersion,
                rehearsalLeftovers(config, gathered.hubUsers().orElse(List.of())),
                quotaUse(Model.diskLimitKib(HubConfig.load(config))));
    }

    /**
     * Users near or over limits.disk, when the homes' filesystem has user quotas (btrfs: quota groups) on; on btrfs also
     * the homes {@code limitKib} gives a limit that are plain folders (made before limits.disk), which no quota group
     * limits.
     */
    QuotaUse quotaUse(ToLongFunction<String> limitKib) {
        DiskQuota.Mount mount = DiskQuota.Mount.of(machine, "/home");
        if (mount != null && mount.btrfs()) {
            String target = mount.target();
            // A quota group's use is counted when btrfs commits (every 30 s): a sync first, as quotasync below.
            machine.run(List.of("btrfs", "filesystem", "sync", target));
            CommandResult groups = machine.run(BtrfsHomes.qgroups(target));
            if (!groups.ok()) {
                return QuotaUse.NONE;
            }
            Map<String, DiskQuota.Usage> subvolumes =
                    BtrfsHomes.usage(machine.run(BtrfsHomes.subvolumes("/home")).stdout(), groups.stdout());
            List<String> plainFolders = machine.run(BtrfsHomes.homes("/home", Layout.UNIX_USER_PREFIX))
                    .stdout()
                    .lines()
                    .filter(home -> !home.isBlank() && !subvolumes.containsKey(home) && limitKib.applyAsLong(home) > 0)
                    .sorted()
                    .toList();
            return new QuotaUse(true, subvolumes, plainFolders);
        }
        if (mount == null
                || !machine.run(List.of("sh", "-c", "command -v repquota")).ok()) {
            return QuotaUse.NONE;
        }
        String target = mount.target();
        if (!machine.run(List.of("quotaon", "-p", "-u", target)).stdout().contains(" is on")) {
            return QuotaUse.NONE;
        }
        // repquota reads the quota file, which the kernel writes back late: seconds after a write it still showed 1 KiB
        // of a 20 MiB file (QEMU guest, Debian's 6.1 kernel). quotasync writes the kernel's numbers first.
        machine.run(List.of("quotasync", "-u", target));
        return QuotaUse.of(machine.run(List.of("repquota", "-u", target)).stdout());
    }

    private List<String> environmentProblems() {
        return new UserEnv(machine, Layout.USER_VENV, "/usr/bin/python3")
                .health()
                .importProblems();
    }

    /**
     * Student server units that are failed, or active while the hub does not count their server as running (it lost
     * track of them: a crash between start and record, a database restored from before). Empty when the hub did not
     * answer ({@code hubUsers} empty): then every unit would look stale.
     */
    private List<StaleUnits.Stale> staleUnits(Optional<List<JsonNode>> hubUsers) {
        if (hubUsers.isEmpty()) {
            return List.of();
        }
        CommandResult r = machine.run(List.of(
                "systemctl",
                "list-units",
                "--all",
                "--plain",
                "--no-legend",
                "--type=service",
                "jupyter-*-singleuser.service"));
        Set<String> known = new HashSet<>();
        for (JsonNode u : hubUsers.get()) {
            if (!u.path("servers").path("").isMissingNode()) {
                known.add(HubUnits.studentServer(u.path("name").asText()));
            }
        }
        return StaleUnits.of(r.stdout(), known);
    }

    /** rehearsal-… names in the config or among the hub's users (none: it did not answer), and unix users so named. */
    private RehearsalLeftovers rehearsalLeftovers(String config, List<JsonNode> hubUsers) {
        return RehearsalLeftovers.of(
                HubPeople.names(config, hubUsers),
                machine.run(List.of("getent", "passwd")).stdout());
    }

    /** Runs each problem's safe fix; true for those whose every command succeeded. */
    Map<Finding, Boolean> fix(List<Finding> findings) {
        Map<Finding, Boolean> done = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (!f.ok() && !f.safeFix().isEmpty()) {
                boolean ok = true;
                for (List<String> argv : f.safeFix()) {
                    ok &= machine.run(argv).ok();
                }
                done.put(f, ok);
            }
        }
        return done;
    }

    /** Failed while a problem is left that --fix did not solve (none run, or one of its commands failed). */
    static int exitCode(List<Finding> findings, Map<Finding, Boolean> fixed) {
        boolean unsolved = findings.stream().anyMatch(f -> !f.ok() && !Boolean.TRUE.equals(fixed.get(f)));
        return unsolved ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** {@code doctor --json}: one object. */
    record JsonReport(String verdict, long problems, List<JsonFinding> findings) {}

    /** A finding as {@code --json} shows it: the safe fix's commands as lines, {@code fixed} null when not tried. */
    record JsonFinding(
            String check,
            boolean ok,
            String detail,
            String fix,
            @JsonProperty("safe_fix") List<String> safeFix,
            Boolean fixed) {}

    void report(List<Finding> findings, Map<Finding, Boolean> fixed, boolean json, PrintStream out) throws IOException {
        long problems = findings.stream().filter(f -> !f.ok()).count();
        long solved = fixed.values().stream().filter(Boolean::booleanValue).count();
        String verdict = problems == 0
                ? "healthy: nothing to fix"
                : problems + " problem" + (problems == 1 ? "" : "s")
                        + (fixed.isEmpty() ? "" : ", " + solved + " fixed (run doctor again to check)");
        if (json) {
            List<JsonFinding> list = findings.stream()
                    .map(f -> new JsonFinding(
                            f.check(),
                            f.ok(),
                            f.detail(),
                            f.fix(),
                            f.safeFix().stream()
                                    .map(argv -> String.join(" ", argv))
                                    .toList(),
                            fixed.get(f)))
                    .toList();
            out.println(new ObjectMapper().writeValueAsString(new JsonReport(verdict, problems, list)));
            return;
        }
        for (Finding f : findings) {
            out.printf("%-5s %-19s %s%n", f.ok() ? "ok" : "FAIL", f.check(), f.detail());
            if (!f.ok()) {
                out.printf("      %-19s fix: %s%n", "", f.fix());
                if (fixed.containsKey(f)) {
                    out.printf(
                            "      %-19s %s: %s%n",
                            "",
                            fixed.get(f) ? "fixed" : "fix failed",
                            String.join(
                                    "; ",
                                    f.safeFix().stream()
                                            .map(argv -> String.join(" ", argv))
                                            .toList()));
                }
            }
        }
        out.println("verdict: " + verdict);
    }
}
