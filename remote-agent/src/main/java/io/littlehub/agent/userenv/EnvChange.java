package io.littlehub.agent.userenv;

import io.littlehub.agent.Model;
import io.littlehub.agent.config.ConfigHistory;
import io.littlehub.agent.config.ConfigLock;
import io.littlehub.agent.events.CommandSteps;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.Layout;
import io.littlehub.common.events.EventSink;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.LocalMachine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Changes to the users' environment, so that a bad one cannot break the class's servers: under the hub's lock, the
 * environment is checked first (a change made outside littlehub is recorded then), pip runs, the health check
 * follows, and when pip or the check fails the environment before is put back ("rolled back": the packages that were
 * not there are uninstalled, the freeze before is installed again). Every good state is recorded (the history:
 * {@code NNNN.txt} is the freeze, {@code pip check} problems already accepted as comments).
 */
public final class EnvChange {
    private static final int SHOWN_CHANGES = 8;

    private final UserEnv env;
    private final ConfigHistory history;
    private final Path lockDir;
    private final EventSink events;
    private final PrintStream err;
    private final String pins;

    /** {@code pins}: the requirements text of versions.yaml's {@code user} section, what a rebuild without a record installs. */
    public EnvChange(UserEnv env, ConfigHistory history, Path lockDir, EventSink events, PrintStream err, String pins) {
        this.env = env;
        this.history = history;
        this.lockDir = lockDir;
        this.events = events;
        this.err = err;
        this.pins = pins;
    }

    public static EnvChange onThisMachine(EventSink events) {
        return new EnvChange(
                new UserEnv(new LocalMachine(), Layout.USER_VENV, "/usr/bin/python3"),
                history(),
                ConfigLock.DEFAULT,
                events,
                System.err,
                pinsText(userPins()));
    }

    public static ConfigHistory history() {
        return new ConfigHistory(Path.of(Layout.USER_ENV_HISTORY), ".txt");
    }

    /** versions.yaml's {@code user} section: name → exact version. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> userPins() {
        return (Map<String, Object>) Model.versions().get("user");
    }

    public static String pinsText(Map<String, Object> pins) {
        StringBuilder s = new StringBuilder();
        pins.forEach(
                (name, version) -> s.append(name).append("==").append(version).append('\n'));
        return s.toString();
    }

    /** What {@code env remove} refuses: the packages the hub needs (versions.yaml's {@code user} section) and pip itself. */
    public static Set<String> kept(Map<String, Object> pins) {
        Set<String> out = new LinkedHashSet<>();
        pins.keySet().forEach(n -> out.add(Requirement.normalize(n)));
        out.add("pip");
        return out;
    }

    /** The state a change starts from: what a rollback returns to, and the {@code pip check} problems already there. */
    private record Before(Freeze freeze, Set<String> problems) {}

    public int install(List<Requirement> requirements, String who, int waitSeconds) throws Exception {
        String args =
                String.join(" ", requirements.stream().map(Requirement::text).toList());
        return locked("env install " + args, who, waitSeconds, () -> {
            CommandSteps s = new CommandSteps(events, "env install", 4);
            Optional<Before> before = inspect(s, who);
            if (before.isEmpty()) {
                s.recap();
                return ExitCodes.FAILED;
            }
            CommandSteps.Step step = s.begin("pip install " + args);
            CommandResult r = env.install(requirements, step::progress);
            return afterPip(s, step, r, before.get(), "install " + args, who);
        });
    }

    public int remove(List<Requirement> names, String who, int waitSeconds) throws Exception {
        return locked("env remove", who, waitSeconds, () -> {
            CommandSteps s = new CommandSteps(events, "env remove", 4);
            Optional<Before> before = inspect(s, who);
            if (before.isEmpty()) {
                s.recap();
                return ExitCodes.FAILED;
            }
            List<String> present = names.stream()
                    .map(Requirement::name)
                    .filter(before.get().freeze()::has)
                    .toList();
            names.stream()
                    .map(Requirement::name)
                    .filter(n -> !before.get().freeze().has(n))
                    .forEach(n -> s.note(n + " is not installed"));
            if (present.isEmpty()) {
                s.recap();
                return ExitCodes.OK;
            }
            CommandSteps.Step step = s.begin("pip uninstall -y " + String.join(" ", present));
            CommandResult r = env.uninstall(present, step::progress);
            return afterPip(s, step, r, before.get(), "remove " + String.join(" ", present), who);
        });
    }

    /** After pip ran: a failure is rolled back; a change is checked, then recorded or rolled back. */
    private int afterPip(
            CommandSteps s, CommandSteps.Step step, CommandResult r, Before before, String what, String who) {
        if (!r.ok()) {
            step.failed(pipError(r));
            return rollBack(s, before, what, "pip: " + pipError(r));
        }
        Optional<Freeze> after = env.freeze();
        if (after.isEmpty()) {
            step.failed("pip freeze no longer runs");
            return rollBack(s, before, what, "pip no longer runs");
        }
        if (after.get().sameAs(before.freeze())) {
            step.ok();
            s.note("nothing changed: the environment already was like that");
            s.recap();
            return ExitCodes.OK;
        }
        step.changed(List.of(after.get().changesSince(before.freeze(), SHOWN_CHANGES)));
        CommandSteps.Step check = s.begin("Health check (" + String.join(", ", Health.MODULES) + " import; pip check)");
        Health health = env.health();
        if (!health.accepts(before.problems())) {
            check.failed(health.describe(before.problems()));
            return rollBack(s, before, what, "the health check failed: " + health.describe(before.problems()));
        }
        check.ok();
        CommandSteps.Step rec = s.begin("Record");
        int n = record(
                after.get(), health, who, what + ": " + after.get().changesSince(before.freeze(), SHOWN_CHANGES));
        rec.changed(List.of("recorded " + n + " (env history)"));
        s.recap();
        return ExitCodes.OK;
    }

    /** Puts the environment before back: what was not there is uninstalled, the freeze before is installed again. */
    private int rollBack(CommandSteps s, Before before, String what, String reason) {
        CommandSteps.Step step = s.begin("Roll back to the environment before the change");
        List<String> actions = new ArrayList<>();
        Optional<Freeze> now = env.freeze();
        if (now.isPresent() && now.get().sameAs(before.freeze())) {
            // pip failed before changing anything (an unknown package or version): there is nothing to put back.
            step.ok();
            err.println("rolled back: " + what + " failed (" + reason
                    + "); it had changed nothing, so the environment is as it was before");
            s.recap();
            return ExitCodes.FAILED;
        }
        if (now.isEmpty()) {
            env.recreate(step::progress);
            actions.add("python3 -m venv --clear " + env.path() + " (pip no longer ran)");
        } else {
            List<String> added = now.get().addedSince(before.freeze());
            if (!added.isEmpty()) {
                env.uninstall(added, step::progress);
                actions.add("pip uninstall -y " + String.join(" ", added));
            }
        }
        CommandResult r = env.installAll(before.freeze().text(), step::progress);
        actions.add(
                "pip install -r <the freeze before: " + before.freeze().lines().size() + " packages>");
        Health health = env.health();
        Optional<Freeze> back = env.freeze();
        String left =
                back.map(b -> b.changesSince(before.freeze(), SHOWN_CHANGES)).orElse("pip does not run");
        if (r.ok()
                && health.accepts(before.problems())
                && back.isPresent()
                && back.get().sameAs(before.freeze())) {
            step.changed(actions);
            err.println("rolled back: " + what + " failed (" + reason
                    + "), so the environment is as it was before (and passes the health check)");
        } else {
            step.failed((r.ok() ? "" : pipError(r) + "; ") + "still different from before: " + left + "; health: "
                    + health.describe(before.problems()));
            err.println("rollback incomplete: " + what + " failed (" + reason
                    + ") and the environment could not be fully put back (" + left + "; "
                    + health.describe(before.problems()) + "): `env rebuild` recreates it from the record");
        }
        s.recap();
        return ExitCodes.FAILED;
    }

    /**
     * {@code env rebuild}: the venv emptied in place ({@code venv --clear}: venvs are not relocatable, and the directory
     * keeps its owner, mode and ACL), then the record installed: entry {@code number}, else the newest, else (no
     * record, or {@code fromPins}) versions.yaml's pins; then the health check. There is nothing to roll back to.
     */
    public int rebuild(Integer number, boolean fromPins, String who, int waitSeconds) throws Exception {
        return locked("env rebuild", who, waitSeconds, () -> {
            String source;
            String text;
            Optional<ConfigHistory.Entry> latest = history.latest();
            if (fromPins || (number == null && latest.isEmpty())) {
                source = "the versions.yaml pins" + (fromPins ? "" : " (nothing recorded yet)");
                text = pins;
            } else {
                int n = number != null ? number : latest.get().number();
                Optional<String> recorded = history.text(n);
                if (recorded.isEmpty()) {
                    err.println("no record " + n + ": `env history` lists them");
                    return ExitCodes.USAGE;
                }
                source = "record " + n;
                text = recorded.get();
            }
            Freeze wanted = Freeze.parse(text);
            Set<String> baseline = Health.recordedProblems(text);
            CommandSteps s = new CommandSteps(events, "env rebuild", 4);
            CommandSteps.Step venv = s.begin("Recreate the venv " + env.path());
            CommandResult r = env.recreate(venv::progress);
            if (!r.ok()) {
                venv.failed(lastLines(r.stderr(), 3));
                s.recap();
                return ExitCodes.FAILED;
            }
            venv.changed(List.of("python3 -m venv --clear " + env.path()));
            CommandSteps.Step install =
                    s.begin("pip install -r " + source + " (" + wanted.lines().size() + " packages)");
            r = env.installAll(wanted.text(), install::progress);
            if (!r.ok()) {
                install.failed(
                        pipError(r) + (fromPins ? "" : "; `env rebuild --pins` installs versions.yaml's pins instead"));
                s.recap();
                return ExitCodes.FAILED;
            }
            Freeze after = env.freeze().orElse(new Freeze(Map.of()));
            install.changed(List.of(after.lines().size() + " packages"));
            CommandSteps.Step check =
                    s.begin("Health check (" + String.join(", ", Health.MODULES) + " import; pip check)");
            Health health = env.health();
            if (!health.accepts(baseline)) {
                check.failed(health.describe(baseline));
                s.recap();
                return ExitCodes.FAILED;
            }
            check.ok();
            CommandSteps.Step rec = s.begin("Record");
            Optional<Freeze> last =
                    latest.flatMap(e -> history.text(e.number())).map(Freeze::parse);
            if (last.isPresent() && last.get().sameAs(after)) {
                rec.ok();
                s.note("the environment is record " + latest.get().number() + " again");
            } else {
                int n = record(
                        after,
                        health,
                        who,
                        "rebuild from " + source
                                + last.map(l -> ": " + after.changesSince(l, SHOWN_CHANGES))
                                        .orElse(""));
                rec.changed(List.of("recorded " + n + " (env history)"));
            }
            s.recap();
            return ExitCodes.OK;
        });
    }

    /**
     * For the commands that only read: records a change made outside littlehub (an admin's pip in a terminal) when the
     * environment passes the health check. Skipped when another change holds the lock; never fails the command.
     */
    public void noticeOutsideChanges(String who) {
        try {
            Optional<ConfigLock> lock = ConfigLock.acquire(lockDir, "env record by " + who, 0, line -> {});
            if (lock.isEmpty()) {
                return;
            }
            try (ConfigLock held = lock.get()) {
                if (held.interrupted().isPresent()) {
                    held.passOn(); // the next change hears of it; a half-made change is no state to record
                    return;
                }
                Optional<Freeze> now = env.freeze();
                Optional<String> lastText = history.latest().flatMap(e -> history.text(e.number()));
                if (now.isEmpty()
                        || lastText.isPresent() && Freeze.parse(lastText.get()).sameAs(now.get())) {
                    return;
                }
                Health health = env.health();
                if (!health.imports()) {
                    err.println("note: the users' environment is broken (" + health.describe(Set.of())
                            + "): `env rebuild` recreates it from the record");
                    return;
                }
                notice(now.get(), health).ifPresent(message -> err.println("note: " + message));
            }
        } catch (RuntimeException e) {
            err.println("note: the record of the users' environment was not checked: " + e.getMessage());
        }
    }

    /** Checks the environment a change starts from (and records a change made outside littlehub); empty when it is broken. */
    private Optional<Before> inspect(CommandSteps s, String who) {
        CommandSteps.Step step = s.begin("Users' environment before the change");
        Optional<Freeze> freeze = env.freeze();
        if (freeze.isEmpty()) {
            step.failed("the users' environment " + env.path()
                    + " does not run pip: `env rebuild` recreates it from the record");
            return Optional.empty();
        }
        Health health = env.health();
        if (!health.imports()) {
            step.failed("the users' environment is broken (" + health.describe(Set.of())
                    + "): `env rebuild` recreates it from the record");
            return Optional.empty();
        }
        Optional<String> notice = notice(freeze.get(), health);
        if (notice.isPresent() && notice.get().startsWith("recorded")) {
            step.changed(List.of(notice.get()));
        } else {
            step.ok();
            notice.ifPresent(s::note);
        }
        return Optional.of(new Before(freeze.get(), health.checkProblems()));
    }

    /**
     * The record against the environment now (whose imports work): the first state is recorded as it is; a state
     * different from the newest record was made outside littlehub and is recorded when it adds no {@code pip check}
     * problem. What was done, for people; empty when the record already matches.
     */
    private Optional<String> notice(Freeze now, Health health) {
        Optional<ConfigHistory.Entry> last = history.latest();
        if (last.isEmpty()) {
            int n = record(now, health, "littlehub", "the environment before the first change");
            return Optional.of("recorded " + n + ": the environment before the first change");
        }
        String lastText = history.text(last.get().number()).orElse("");
        Freeze recorded = Freeze.parse(lastText);
        if (now.sameAs(recorded)) {
            return Optional.empty();
        }
        String changes = now.changesSince(recorded, SHOWN_CHANGES);
        Set<String> baseline = Health.recordedProblems(lastText);
        if (!health.accepts(baseline)) {
            return Optional.of("changed outside littlehub since record "
                    + last.get().number() + " (" + changes + ") and not healthy (" + health.describe(baseline)
                    + "), so not recorded: `env rebuild` returns to record "
                    + last.get().number());
        }
        int n = record(now, health, "outside littlehub", "changed outside littlehub: " + changes);
        return Optional.of("recorded " + n + ": changed outside littlehub: " + changes);
    }

    private int record(Freeze freeze, Health health, String who, String summary) {
        return history.record(Health.recordText(freeze, health.checkProblems()), who, summary);
    }

    private int locked(String what, String who, int waitSeconds, Callable<Integer> change) throws Exception {
        Optional<ConfigLock> lock = ConfigLock.take(lockDir, what, who, waitSeconds, err);
        if (lock.isEmpty()) {
            return ExitCodes.LOCKED;
        }
        try (ConfigLock held = lock.get()) {
            return change.call();
        }
    }

    /** pip's ERROR lines (what went wrong), else the last lines it printed. */
    static String pipError(CommandResult r) {
        String all = r.stderr() + r.stdout();
        List<String> errors = all.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("ERROR:"))
                .toList();
        return !errors.isEmpty()
                ? String.join(" ", errors)
                : lastLines(r.stderr().isBlank() ? r.stdout() : r.stderr(), 3);
    }

    private static String lastLines(String text, int count) {
        List<String> lines =
                text.lines().filter(l -> !l.isBlank()).map(String::strip).toList();
        return lines.isEmpty()
                ? "(no output)"
                : String.join(" ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
