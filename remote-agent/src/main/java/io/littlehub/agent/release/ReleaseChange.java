package io.littlehub.agent.release;

import io.littlehub.agent.PlaybookRun;
import io.littlehub.agent.config.ConfigLock;
import io.littlehub.agent.config.HubHealth;
import io.littlehub.agent.events.CommandSteps;
import io.littlehub.agent.ops.HttpCheck;
import io.littlehub.agent.restart.RestartGate;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.ConfigProblem;
import io.littlehub.common.config.ConfigValidator;
import io.littlehub.common.config.Layout;
import io.littlehub.common.events.EventSink;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.machine.Machine;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Moving the hub between littlehub releases. An upgrade (run by the new release's agent) copies the hub state, builds
 * the new release beside the running one with the provision playbook (the hub keeps serving from the old one), switches
 * {@code current} in one rename, restarts only the hub and checks its health; if that fails it goes back by itself.
 * Going back (automatic, or {@code rollback} on demand) switches the link back, restores the database copy only when
 * the new JupyterHub migrated its schema, converges with the old release's own agent and restarts the hub.
 * Student servers run in their own units and the proxy in its own, so they keep running and routing throughout.
 */
public final class ReleaseChange {
    /** Builds this release beside the running one and switches to it (the provision playbook); true on success. */
    interface Provision {
        boolean run(String configText, EventSink events) throws Exception;
    }

    private final Machine machine;
    private final Releases releases;
    private final HubStateBackup backups;
    private final Provision provision;
    private final Path lockFile;
    private final HttpCheck.World world;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * {@code lockFile}: the config lock; {@code world}: where the wait for the restarted hub
     * ({@link HubHealth#afterRestart}) asks its health URL and keeps time.
     */
    ReleaseChange(
            Machine machine,
            Releases releases,
            HubStateBackup backups,
            Provision provision,
            Path lockFile,
            HttpCheck.World world,
            PrintStream out,
            PrintStream err) {
        this.machine = machine;
        this.releases = releases;
        this.backups = backups;
        this.provision = provision;
        this.lockFile = lockFile;
        this.world = world;
        this.out = out;
        this.err = err;
    }

    /** On this VM: the releases in /opt/littlehub, the provision playbook, the hub waited for as provision does. */
    public static ReleaseChange onThisMachine() {
        LocalMachine machine = new LocalMachine();
        return new ReleaseChange(
                machine,
                Releases.onThisMachine(),
                HubStateBackup.onThisMachine(machine),
                (config, events) -> PlaybookRun.run("provision", config, events, false, false)
                        .success(),
                ConfigLock.DEFAULT,
                HttpCheck.World.REAL,
                System.out,
                System.err);
    }

    /**
     * {@code wanted}: the version the teacher asked for (--to), null for this agent's; {@code gateFor}: the restart
     * gate for the hub's config ({@link RestartGate}: an upgrade restarts the hub, so while people are active it says
     * so first, and may stop or wait for idle, as the teacher chose).
     */
    public int upgrade(
            String wanted, String who, int waitSeconds, Function<String, RestartGate> gateFor, EventSink events)
            throws Exception {
        String self = BuildInfo.version();
        if (wanted != null && !wanted.equals(self)) {
            err.println("this littlehub is " + self + " and installs only that release: for " + wanted
                    + ", install littlehub " + wanted
                    + " on the laptop and run its `littlehub upgrade`; nothing changed");
            return ExitCodes.USAGE;
        }
        Optional<String> running = releases.current();
        if (running.isEmpty()) {
            err.println("no littlehub release runs here yet: provision the VM first (`littlehub provision USER@HOST`)");
            return ExitCodes.USAGE;
        }
        String from = running.get();
        Optional<String> unfinished = releases.unfinishedUpgradeFrom(self);
        if (unfinished.isPresent()) {
            return finishUpgrade(unfinished.get(), self, who, waitSeconds, events);
        }
        if (from.equals(self)) {
            out.println("the hub already runs littlehub " + self
                    + ": nothing to upgrade (`littlehub provision` repairs anything that drifted)");
            return ExitCodes.OK;
        }
        Optional<String> refusal = SemVer.refusal(SemVer.parse(from), SemVer.parse(self));
        if (refusal.isPresent()) {
            err.println(refusal.get() + "; nothing changed");
            return ExitCodes.USAGE;
        }
        String hubConfig = config();
        if (refuses(hubConfig, from, self)) {
            return ExitCodes.INVALID_CONFIG;
        }
        int go = gateFor.apply(hubConfig).beforeApplying(hubConfig);
        if (go != ExitCodes.OK) {
            return go;
        }
        Optional<ConfigLock> lock = ConfigLock.take(lockFile, "upgrade " + from + " to " + self, who, waitSeconds, err);
        if (lock.isEmpty()) {
            return ExitCodes.LOCKED;
        }
        CommandSteps steps;
        Path backup;
        try (ConfigLock held = lock.get()) {
            // The config as it is under the lock: a config change may have come while the gate waited for idle.
            String config = config();
            if (refuses(config, from, self)) {
                return ExitCodes.INVALID_CONFIG;
            }
            steps = new CommandSteps(events, "upgrade " + from + " to " + self, 3);
            CommandSteps.Step copy = steps.begin("Copy the hub state (database, config)");
            try {
                backup = backups.take(from, self);
            } catch (RuntimeException e) {
                copy.failed(e.getMessage());
                steps.recap();
                err.println("the hub state could not be copied, so the upgrade did not start: littlehub " + from
                        + " still runs");
                return ExitCodes.FAILED;
            }
            copy.changed(List.of("sqlite3 .backup + config.yaml → " + backup));
            CommandSteps.Step install =
                    steps.begin("Install littlehub " + self + " beside " + from + ", switch to it, check the hub");
            releases.keepAgent(self);
            releases.recordUpgrade(self, from, backup);
            String failure = "the hub did not come up healthy on littlehub " + self + " (see the lines above)";
            try {
                if (provision.run(config, new ProgressLines(install))) {
                    releases.rememberPrevious(from);
                    List<String> actions = new ArrayList<>(List.of("current → " + releases.dir(self)));
                    releases.removeAllBut(from, self).forEach(gone -> actions.add("removed release " + gone));
                    install.changed(actions);
                    steps.note("the hub runs littlehub " + self + "; `littlehub rollback` returns to " + from);
                    steps.recap();
                    return ExitCodes.OK;
                }
            } catch (Exception e) {
                // The playbook may have switched `current` before it broke off: going back is owed all the same.
                failure = "installing littlehub " + self + " broke off: " + e.getMessage();
            }
            install.failed(failure);
        }
        // The lock is free again: the old release's agent takes it for its own run.
        boolean healthy = backTo(from, self, Optional.of(backup), who, steps);
        err.println("the upgrade to littlehub " + self + " failed; "
                + (healthy
                        ? "rolled back: the hub runs littlehub " + from + " and answers"
                        : "the rollback to " + from + " did not bring the hub back")
                + " (hub state copied before the upgrade: " + backup + ")");
        return ExitCodes.FAILED;
    }

    /** Whether this release refuses the hub's config: its problems and what to do said on err. */
    private boolean refuses(String config, String from, String self) {
        List<ConfigProblem> problems = new ConfigValidator().validateOnHub(config);
        problems.forEach(p -> err.println(p));
        if (!problems.isEmpty()) {
            err.println("littlehub " + self
                    + " does not accept the hub's config as it is: fix it with `littlehub config edit`" + " (littlehub "
                    + from + " still runs), then upgrade; nothing changed");
        }
        return !problems.isEmpty();
    }

    /** After {@code self} failed: back to {@code from}, and {@code self} removed when that worked. */
    private boolean backTo(String from, String self, Optional<Path> backup, String who, CommandSteps steps)
            throws Exception {
        CommandSteps.Step back = steps.begin("Roll back to littlehub " + from);
        boolean healthy = goBack(from, backup, who, back);
        if (healthy) {
            releases.remove(self);
            back.changed(List.of("current → " + releases.dir(from), "removed the failed release " + self));
        } else {
            back.failed("the hub does not answer on littlehub " + from
                    + " either: see `journalctl -u jupyterhub` on the VM");
        }
        steps.recap();
        return healthy;
    }

    /**
     * An upgrade to {@code self} that switched {@code current} and ended before its last step (a cut connection
     * does not stop it, a killed agent does): converge the hub on {@code self} again, then what the upgrade does
     * last. A hub that does not come back healthy goes back to {@code from}, as a failed upgrade does.
     */
    private int finishUpgrade(String from, String self, String who, int waitSeconds, EventSink events)
            throws Exception {
        Optional<ConfigLock> lock = ConfigLock.take(lockFile, "upgrade " + from + " to " + self, who, waitSeconds, err);
        if (lock.isEmpty()) {
            return ExitCodes.LOCKED;
        }
        CommandSteps steps = new CommandSteps(events, "upgrade " + from + " to " + self, 1);
        CommandSteps.Step finish = steps.begin("Finish the interrupted upgrade from littlehub " + from);
        try (ConfigLock held = lock.get()) {
            if (provision.run(config(), new ProgressLines(finish))) {
                releases.rememberPrevious(from);
                List<String> actions = new ArrayList<>(List.of("current → " + releases.dir(self) + " (as it was)"));
                releases.removeAllBut(from, self).forEach(gone -> actions.add("removed release " + gone));
                finish.changed(actions);
                steps.note("finished the interrupted upgrade: the hub runs littlehub " + self
                        + "; `littlehub rollback` returns to " + from);
                steps.recap();
                return ExitCodes.OK;
            }
            finish.failed("the hub did not come up healthy on littlehub " + self + " (see the lines above)");
        }
        boolean healthy = backTo(from, self, releases.backupOfUpgrade(self, from), who, steps);
        err.println("the interrupted upgrade to littlehub " + self + " could not be finished; "
                + (healthy ? "undone: the hub runs littlehub " + from + " and answers" : "the hub does not answer"));
        return ExitCodes.FAILED;
    }

    /**
     * {@code littlehub rollback}: back to the release before the last upgrade. It restarts the hub, so it passes the
     * restart gate ({@code gateFor}, as {@link #upgrade}) first.
     */
    public int rollback(String who, int waitSeconds, Function<String, RestartGate> gateFor, EventSink events)
            throws Exception {
        Optional<String> running = releases.current();
        Optional<String> previous = releases.previous();
        if (running.isEmpty() || previous.isEmpty() || !releases.hasAgent(previous.get())) {
            err.println("there is no release to return to: the hub runs littlehub " + running.orElse("(none)")
                    + " since it was provisioned or last rolled back; nothing changed");
            return ExitCodes.USAGE;
        }
        String config = config();
        int go = gateFor.apply(config).beforeApplying(config);
        if (go != ExitCodes.OK) {
            return go;
        }
        // Wait for a change in progress to finish; the old release's agent then takes the lock for its run.
        Optional<ConfigLock> lock = ConfigLock.take(lockFile, "rollback", who, waitSeconds, err);
        if (lock.isEmpty()) {
            return ExitCodes.LOCKED;
        }
        lock.get().close();
        String from = running.get();
        String to = previous.get();
        CommandSteps steps = new CommandSteps(events, "rollback " + from + " to " + to, 1);
        CommandSteps.Step back = steps.begin("Return to littlehub " + to);
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

    private String config() {
        return machine.read(Layout.CONFIG_FILE)
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("no " + Layout.CONFIG_FILE + ": provision the hub first"));
    }

    /** Makes {@code to} current again and converges with its own agent; true when the hub answers afterwards. */
    private boolean goBack(String to, Optional<Path> backup, String who, CommandSteps.Step step) throws Exception {
        boolean switched = !releases.current().equals(Optional.of(to));
        releases.makeCurrent(to);
        if (switched && backup.isPresent()) {
            machine.run(List.of("systemctl", "stop", "jupyterhub.service"));
            if (backups.restoreDatabaseIfMigrated(backup.get())) {
                step.progress("the database schema had been migrated: the copy from before the upgrade (" + backup.get()
                        + ") is back");
            }
        }
        CommandResult converge = machine.run(
                List.of(
                        "env",
                        "LC_ALL=C.UTF-8",
                        "java",
                        "-jar",
                        releases.dir(to).resolve("littlehub-agent.jar").toString(),
                        "run",
                        "provision",
                        "--who",
                        who),
                step::progress);
        if (switched) {
            machine.run(List.of("systemctl", "restart", "jupyterhub.service"));
        }
        String url = HubHealth.url(config());
        Optional<String> notUp = HubHealth.waitAfterRestart(machine, url, world);
        step.progress(notUp.orElse(url + " answered HTTP 200"));
        return converge.ok() && notUp.isEmpty();
    }
}
