package io.littlehub.agent.release;

import io.littlehub.common.BuildInfo;
import io.littlehub.common.ExitCodes;
import io.littlehub.agent.PlaybookRun;
import io.littlehub.agent.config.ConfigLock;
import io.littlehub.common.config.ConfigProblem;
import io.littlehub.common.config.ConfigValidator;
import io.littlehub.agent.config.HubHealth;
import io.littlehub.common.config.Layout;
import io.littlehub.common.events.EventSink;
import io.littlehub.agent.events.Steps;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import io.littlehub.agent.ops.HttpCheck;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moving the hub between littlehub releases. An upgrade (run by the new release's agent) copies the hub state, builds
 * the new release beside the running one with the provision playbook (the hub keeps serving from the old one), switches
 * {@code current} in one rename, restarts only the hub and checks its health; if that fails it goes back by itself.
 * Going back (automatic, or {@code rollback} on demand) switches the link back, restores the database copy only when
 * the new JupyterHub migrated its schema, converges with the old release's own agent and restarts the hub.
 * Student servers run in their own units and the proxy in its own, so they keep running and routing throughout.
 */
public final class ReleaseChange {
    private final Machine machine;
    private final Releases releases;
    private final HubStateBackup backups;
    private final PrintStream out;
    private final PrintStream err;

    public ReleaseChange(Machine machine, Releases releases, HubStateBackup backups, PrintStream out, PrintStream err) {
        this.machine = machine;
        this.releases = releases;
        this.backups = backups;
        this.out = out;
        this.err = err;
    }

    /** {@code wanted}: the version the teacher asked for (--to), null for this agent's. */
    public int upgrade(String wanted, String who, int waitSeconds, EventSink events) throws Exception {
        String self = BuildInfo.version();
        if (wanted != null && !wanted.equals(self)) {
            err.println("this littlehub is " + self + " and installs only that release: for " + wanted + ", install littlehub "
                    + wanted + " on the laptop and run its `littlehub upgrade`; nothing changed");
            return ExitCodes.USAGE;
        }
        Optional<String> running = releases.current();
        if (running.isEmpty()) {
            err.println("no littlehub release runs here yet: provision the VM first (`littlehub provision USER@HOST`)");
            return ExitCodes.USAGE;
        }
        String from = running.get();
        if (from.equals(self)) {
            out.println("the hub already runs littlehub " + self + ": nothing to upgrade (`littlehub provision` repairs anything that drifted)");
            return ExitCodes.OK;
        }
        Optional<String> refusal = SemVer.refusal(SemVer.parse(from), SemVer.parse(self));
        if (refusal.isPresent()) {
            err.println(refusal.get() + "; nothing changed");
            return ExitCodes.USAGE;
        }
        String config = Files.readString(Path.of(Layout.CONFIG_FILE));
        List<ConfigProblem> problems = new ConfigValidator().validateOnHub(config);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println(p));
            err.println("littlehub " + self + " does not accept the hub's config as it is: fix it with `littlehub config edit`"
                    + " (littlehub " + from + " still runs), then upgrade; nothing changed");
            return ExitCodes.INVALID_CONFIG;
        }
        Optional<ConfigLock> lock = lock(who, waitSeconds, "upgrade");
        if (lock.isEmpty()) {
            return ExitCodes.LOCKED;
        }
        Steps steps = new Steps(events, "upgrade " + from + " to " + self, 3);
        Path backup;
        try (ConfigLock held = lock.get()) {
            Steps.Step copy = steps.begin("Copy the hub state (database, config)");
            backup = backups.take(from, self);
            copy.changed(List.of("sqlite3 .backup + config.yaml → " + backup));
            Steps.Step install = steps.begin("Install littlehub " + self + " beside " + from + ", switch to it, check the hub");
            releases.keepAgent(self);
            releases.recordUpgrade(self, from, backup);
            if (PlaybookRun.run("provision", config, new ProgressLines(install), false, false).success()) {
                releases.rememberPrevious(from);
                List<String> actions = new ArrayList<>(List.of("current → " + releases.dir(self)));
                releases.removeAllBut(from, self).forEach(gone -> actions.add("removed release " + gone));
                install.changed(actions);
                steps.note("the hub runs littlehub " + self + "; `littlehub rollback` returns to " + from);
                steps.recap();
                return ExitCodes.OK;
            }
            install.failed("the hub did not come up healthy on littlehub " + self + " (see the lines above)");
        }
        // The lock is free again: the old release's agent takes it for its own run.
        Steps.Step back = steps.begin("Roll back to littlehub " + from);
        boolean healthy = goBack(from, Optional.of(backup), who, back);
        if (healthy) {
            releases.remove(self);
            back.changed(List.of("current → " + releases.dir(from), "removed the failed release " + self));
        } else {
            back.failed("the hub does not answer on littlehub " + from + " either: see `journalctl -u jupyterhub` on the VM");
        }
        steps.recap();
        err.println("the upgrade to littlehub " + self + " failed; " + (healthy ? "rolled back: the hub runs littlehub " + from + " and answers"
                : "the rollback to " + from + " did not bring the hub back") + " (hub state copied before the upgrade: " + backup + ")");
        return ExitCodes.FAILED;
    }

    /** {@code littlehub rollback}: back to the release before the last upgrade. */
    public int rollback(String who, int waitSeconds, EventSink events) throws Exception {
        Optional<String> running = releases.current();
        Optional<String> previous = releases.previous();
        if (running.isEmpty() || previous.isEmpty() || !Files.isRegularFile(releases.dir(previous.get()).resolve("littlehub-agent.jar"))) {
            err.println("there is no release to return to: the hub runs littlehub " + running.orElse("(none)")
                    + " since it was provisioned or last rolled back; nothing changed");
            return ExitCodes.USAGE;
        }
        // Wait for a change in progress to finish; the old release's agent then takes the lock for its run.
        Optional<ConfigLock> lock = lock(who, waitSeconds, "roll back");
        if (lock.isEmpty()) {
            return ExitCodes.LOCKED;
        }
        lock.get().close();
        String from = running.get();
        String to = previous.get();
        Steps steps = new Steps(events, "rollback " + from + " to " + to, 1);
        Steps.Step back = steps.begin("Return to littlehub " + to);
        boolean healthy = goBack(to, releases.backupOfUpgrade(from, to), who, back);
        if (healthy) {
            releases.forgetPrevious();
            back.changed(List.of("current → " + releases.dir(to)));
            steps.note("littlehub " + from + " stays installed in " + releases.dir(from) + " until the next upgrade");
        } else {
            back.failed("the hub does not answer on littlehub " + to + ": see `journalctl -u jupyterhub` on the VM");
        }
        steps.recap();
        return healthy ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The config lock (a release change must not run beside a config change), or empty after saying who holds it. */
    private Optional<ConfigLock> lock(String who, int waitSeconds, String what) {
        Optional<ConfigLock> lock = ConfigLock.acquire(ConfigLock.DEFAULT, who, waitSeconds, err::println);
        if (lock.isEmpty()) {
            err.println("the hub config is locked by " + ConfigLock.holder(ConfigLock.DEFAULT).orElse("another change")
                    + ": " + what + " when it is done (or wait longer with --wait SECONDS)");
        }
        return lock;
    }

    /** Makes {@code to} current again and converges with its own agent; true when the hub answers afterwards. */
    private boolean goBack(String to, Optional<Path> backup, String who, Steps.Step step) throws Exception {
        boolean switched = !releases.current().equals(Optional.of(to));
        releases.makeCurrent(to);
        if (switched && backup.isPresent()) {
            machine.run(List.of("systemctl", "stop", "jupyterhub.service"));
            if (backups.restoreDatabaseIfMigrated(backup.get())) {
                step.progress("the database schema had been migrated: the copy from before the upgrade (" + backup.get() + ") is back");
            }
        }
        CommandResult converge = machine.run(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar",
                releases.dir(to).resolve("littlehub-agent.jar").toString(), "run", "provision", "--who", who), step::progress);
        if (switched) {
            machine.run(List.of("systemctl", "restart", "jupyterhub.service"));
        }
        String url = HubHealth.url(Files.readString(Path.of(Layout.CONFIG_FILE)));
        int status = new HttpCheck(url, 200, 120).gather(machine);
        step.progress(url + " answered " + (status < 0 ? "nothing" : "HTTP " + status));
        return converge.ok() && status == 200;
    }
}
