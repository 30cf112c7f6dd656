package io.littlehub.agent;

import io.littlehub.agent.config.ConfigHistory;
import io.littlehub.agent.config.ConfigLock;
import io.littlehub.agent.config.PublicAddress;
import io.littlehub.agent.config.ValidatedConfig;
import io.littlehub.agent.release.Releases;
import io.littlehub.agent.restart.RestartGate;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.ConfigProblem;
import io.littlehub.common.config.ConfigValidator;
import io.littlehub.common.config.Layout;
import io.littlehub.common.events.EventSink;
import io.littlehub.common.machine.LocalMachine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Applies a new hub config so that a bad one cannot take the class down: validate (nothing changes when it has
 * problems), take the lock, write it, converge the hub with the provision playbook (only what depends on changed
 * keys is re-rendered and restarted), and when that fails — the hub does not come back healthy — put the previous
 * config back and converge again. Each applied config is recorded in the history. An unchanged config is only
 * converged (that repairs what drifted); a first config (no file before) that fails is taken away again.
 * {@code config set …} and {@code run provision} both come here. Only the agent of the release the hub runs converges
 * it: another release's agent is refused (moving releases is {@code upgrade}'s job).
 */
public final class ConfigApply {
    /** Runs the provision playbook with a config text ({@code check}: plans only); true when nothing failed. */
    interface Converge {
        boolean run(String configText, boolean check) throws IOException, InterruptedException;
    }

    private final Path configFile;
    private final Path lockDir;
    private final ConfigHistory history;
    private final Converge converge;
    private final Releases releases;
    private final UnaryOperator<String> complete;
    private final ValidatedConfig validated;
    private final PrintStream err;

    /** {@code complete}: adds to a new config what only the VM knows ({@link PublicAddress}), or refuses it. */
    ConfigApply(
            Path configFile,
            Path lockDir,
            ConfigHistory history,
            Converge converge,
            Releases releases,
            UnaryOperator<String> complete,
            ValidatedConfig validated,
            PrintStream err) {
        this.configFile = configFile;
        this.validated = validated;
        this.complete = complete;
        this.lockDir = lockDir;
        this.history = history;
        this.converge = converge;
        this.releases = releases;
        this.err = err;
    }

    public static ConfigApply onThisMachine(EventSink events) {
        return onThisMachine(events, false);
    }

    /** {@code diff}: the playbook's results carry file diffs (what {@code run provision --diff} shows). */
    public static ConfigApply onThisMachine(EventSink events, boolean diff) {
        return onThisMachine(events, diff, false);
    }

    /** {@code holdHttps}: every converge leaves the HTTPS front stopped (restore's first provision, {@link RunCommand}). */
    public static ConfigApply onThisMachine(EventSink events, boolean diff, boolean holdHttps) {
        Releases releases = Releases.onThisMachine();
        return new ConfigApply(
                Path.of(Layout.CONFIG_FILE),
                ConfigLock.DEFAULT,
                new ConfigHistory(ConfigHistory.DEFAULT),
                (text, check) -> {
                    if (!check) {
                        releases.keepAgent(BuildInfo.version());
                    }
                    return PlaybookRun.run("provision", text, events, check, diff, holdHttps)
                            .success();
                },
                releases,
                new PublicAddress(new LocalMachine())::complete,
                ValidatedConfig.onThisMachine(),
                System.err);
    }

    public String current() throws IOException {
        return Files.isRegularFile(configFile) ? Files.readString(configFile) : "";
    }

    /** {@code change} turns the current text into the new one; it runs under the lock, so edits never interleave. */
    public int apply(UnaryOperator<String> change, String who, String summary, int waitSeconds) throws Exception {
        return apply(change, who, summary, waitSeconds, null);
    }

    /**
     * The same, after {@code gate} (null: none) has looked at the change: whether it restarts the hub while people
     * are active, and what to do then ({@link RestartGate}). It looks before the lock, so a wait for idle blocks no
     * other change; the change itself is then made from the config as it is under the lock.
     */
    public int apply(UnaryOperator<String> change, String who, String summary, int waitSeconds, RestartGate gate)
            throws Exception {
        if (gate != null) {
            String before = current();
            Optional<String> after = changed(change, before, false);
            if (after.isEmpty()) {
                return ExitCodes.INVALID_CONFIG;
            }
            int go = after.get().equals(before) ? ExitCodes.OK : gate.beforeApplying(after.get());
            if (go != ExitCodes.OK) {
                return go;
            }
        }
        Optional<ConfigLock> lock = ConfigLock.take(lockDir, summary, who, waitSeconds, err);
        if (lock.isEmpty()) {
            return ExitCodes.LOCKED;
        }
        try (ConfigLock held = lock.get()) {
            // Under the lock: an upgrade this change waited for may have moved the hub to another release.
            if (otherRelease()) {
                return ExitCodes.UNSUPPORTED;
            }
            int madePrivate = history.makePrivate();
            if (madePrivate > 0) {
                err.println("config history: " + madePrivate + " of its paths were readable by others, now root's alone"
                        + " (files 0600, folder 0700)");
            }
            boolean existed = Files.isRegularFile(configFile);
            String before = current();
            held.interrupted().ifPresent(line -> finishInterrupted(line, before));
            Optional<String> after = changed(change, before, true);
            if (after.isEmpty()) {
                return ExitCodes.INVALID_CONFIG;
            }
            if (existed && after.get().equals(before)) {
                // Nothing to write, record or roll back to; converging still repairs whatever drifted.
                return converge.run(before, false) ? ExitCodes.OK : ExitCodes.FAILED;
            }
            if (existed && history.list().isEmpty()) {
                history.record(before, "littlehub", "the config before the first change");
            }
            write(after.get());
            if (converge.run(after.get(), false)) {
                history.record(after.get(), who, summary);
                return ExitCodes.OK;
            }
            if (!existed) {
                Files.deleteIfExists(configFile);
                err.println("not applied: the hub did not come up with the new config (" + summary
                        + ") and there was no config"
                        + " before it to go back to, so none is in place: fix what failed and run again");
                return ExitCodes.FAILED;
            }
            write(before);
            boolean restored = converge.run(before, false);
            err.println("rolled back: the hub did not come back healthy with the new config (" + summary
                    + "), so the previous" + " config is in place again"
                    + (restored
                            ? " and the hub is serving"
                            : ", but the hub is still failing: see `journalctl -u jupyterhub -u littlehub-proxy`"));
            return ExitCodes.FAILED;
        }
    }

    /**
     * An earlier change ended before it finished. The config file is whole (written by rename): either it still is
     * the last recorded one (that change had not written it: nothing of it to undo) or it is that change's new
     * config, which is then recorded as finished; either way this change converges the hub with it.
     */
    private void finishInterrupted(String line, String current) {
        Optional<String> recorded = history.latest().flatMap(e -> history.text(e.number()));
        String command = ConfigLock.command(line);
        if (current.isEmpty() || recorded.isPresent() && recorded.get().equals(current)) {
            err.println("  nothing of `" + command + "` to undo: it had not written the config; this change"
                    + " converges the hub with the config as it is");
            return;
        }
        history.record(current, ConfigLock.who(line), command + " (finished after an interruption)");
        err.println("  finishing `" + command + "`: its config was in place, now recorded in the history; this"
                + " change converges the hub with it");
    }

    /** What {@link #apply} would do, changing nothing: the new config is checked, then the playbook plans with it (no lock: nothing is written). */
    public int plan(UnaryOperator<String> change) throws Exception {
        if (otherRelease()) {
            return ExitCodes.UNSUPPORTED;
        }
        Optional<String> after = changed(change, current(), false);
        if (after.isEmpty()) {
            return ExitCodes.INVALID_CONFIG;
        }
        return converge.run(after.get(), true) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private boolean otherRelease() {
        Optional<String> refusal = releases.refusal(BuildInfo.version());
        refusal.ifPresent(r -> err.println(r + "; nothing changed"));
        return refusal.isPresent();
    }

    /**
     * The new config, or empty when the change is refused or the result has problems (they are printed). Under the
     * lock ({@code applying}), an unchanged text this agent found good before is not validated again, and a good one
     * is kept as found good ({@link ValidatedConfig}). A plan validates every time: the class-data archive's training
     * run is one, and so loads the validator's classes.
     */
    private Optional<String> changed(UnaryOperator<String> change, String before, boolean applying) {
        String after;
        List<ConfigProblem> problems;
        try {
            after = change.apply(before);
            if (applying && after.equals(before) && validated.holds(after)) {
                return Optional.of(after);
            }
            // What only the VM knows is added to a config that is otherwise good (a broken one is not even read).
            problems = new ConfigValidator().validate(after);
            if (problems.isEmpty()) {
                after = complete.apply(after);
                problems = new ConfigValidator().validateChangeOnHub(after, before);
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "; nothing changed");
            return Optional.empty();
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println(p));
            err.println(ConfigProblem.nothingChanged(problems.size()));
            return Optional.empty();
        }
        if (applying) {
            validated.remember(after);
        }
        return Optional.of(after);
    }

    private void write(String text) {
        new LocalMachine().write(configFile.toString(), text.getBytes(StandardCharsets.UTF_8), "root", "root", 0640);
    }
}
