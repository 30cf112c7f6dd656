package io.littlehub.agent;

import io.littlehub.agent.config.ConfigHistory;
import io.littlehub.agent.config.ConfigLock;
import io.littlehub.agent.config.ConfigProblem;
import io.littlehub.agent.config.ConfigValidator;
import io.littlehub.agent.config.Layout;
import io.littlehub.agent.events.EventSink;
import io.littlehub.agent.machine.LocalMachine;
import io.littlehub.agent.playbook.Runner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Applies a new hub config so that a bad one cannot take the class down: validate (nothing changes when it has
 * problems), take the lock, write it, converge the hub with the provision playbook (only what depends on changed
 * keys is re-rendered and restarted), and when that fails — the hub does not come back healthy — put the previous
 * config back and converge again. Each applied config is recorded in the history.
 */
final class ConfigApply {
    private final Path configFile;
    private final Path lockDir;
    private final ConfigHistory history;
    private final EventSink events;
    private final PrintStream err;

    ConfigApply(Path configFile, Path lockDir, ConfigHistory history, EventSink events, PrintStream err) {
        this.configFile = configFile;
        this.lockDir = lockDir;
        this.history = history;
        this.events = events;
        this.err = err;
    }

    static ConfigApply onThisMachine(EventSink events) {
        return new ConfigApply(Path.of(Layout.CONFIG_FILE), ConfigLock.DEFAULT, new ConfigHistory(ConfigHistory.DEFAULT), events, System.err);
    }

    String current() throws IOException {
        return Files.isRegularFile(configFile) ? Files.readString(configFile) : "";
    }

    /** {@code change} turns the current text into the new one; it runs under the lock, so edits never interleave. */
    int apply(java.util.function.UnaryOperator<String> change, String who, String summary, int waitSeconds) throws Exception {
        Optional<ConfigLock> lock = ConfigLock.acquire(lockDir, who, waitSeconds, err::println);
        if (lock.isEmpty()) {
            err.println("the hub config is locked by " + ConfigLock.holder(lockDir).orElse("another change")
                    + ": try again when it is done (or wait longer with --wait SECONDS)");
            return ExitCodes.LOCKED;
        }
        try (ConfigLock held = lock.get()) {
            String before = current();
            String after;
            try {
                after = change.apply(before);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage() + "; nothing changed");
                return ExitCodes.INVALID_CONFIG;
            }
            List<ConfigProblem> problems = new ConfigValidator().validate(after);
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println(p));
                err.println("nothing changed: the config above has " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
                return ExitCodes.INVALID_CONFIG;
            }
            if (history.list().isEmpty()) {
                history.record(before, "littlehub", "the config before the first change");
            }
            write(after);
            Runner.Recap recap = PlaybookRun.run("provision", after, events, false, false);
            if (recap.success()) {
                history.record(after, who, summary);
                return ExitCodes.OK;
            }
            write(before);
            Runner.Recap restored = PlaybookRun.run("provision", before, events, false, false);
            err.println("rolled back: the hub did not come back healthy with the new config (" + summary + "), so the previous"
                    + " config is in place again" + (restored.success() ? " and the hub is serving" : ", but the hub is still failing: see `journalctl -u jupyterhub -u littlehub-proxy`"));
            return ExitCodes.FAILED;
        }
    }

    private void write(String text) {
        new LocalMachine().write(configFile.toString(), text.getBytes(StandardCharsets.UTF_8), "root", "root", 0640);
    }
}
