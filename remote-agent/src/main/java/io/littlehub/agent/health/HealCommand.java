package io.littlehub.agent.health;

import io.littlehub.agent.config.ConfigLock;
import io.littlehub.agent.config.HubHealth;
import io.littlehub.agent.ops.HttpCheck;
import io.littlehub.agent.status.HubStatus;
import io.littlehub.agent.status.SystemdOutput;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.machine.Machine;
import io.littlehub.common.status.HubUnits;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;

/**
 * {@code littlehub-agent heal}, run by {@code littlehub-health.timer} every minute: looks at the hub and the proxy
 * (systemd's view, whether they answer, whether they answered since they started), and applies {@link HubWatch}'s
 * remedies. What it did goes to the journal. Everything it reads and changes on the VM goes through the
 * {@link Machine}.
 */
@Command(
        name = "heal",
        description =
                "Restart the hub or the proxy if it runs but no longer answers, or systemd gave up on it (the health timer runs this).")
public final class HealCommand implements Callable<Integer> {
    private static final int TRIES = 3;
    /** Per unit, when it last started and answered (see {@link #watched}). */
    static final String ANSWERED = "/run/littlehub/answered/";

    private final Machine machine;
    private final ToIntFunction<String> httpStatus;
    private final BooleanSupplier changeInProgress;
    private final Clock clock;
    private final Duration pause;
    private final PrintStream out;

    /** The timer's: this VM, real HTTP, the config lock, two seconds between tries. */
    public HealCommand() {
        this(
                new LocalMachine(),
                HttpCheck::status,
                () -> ConfigLock.isHeld(ConfigLock.DEFAULT),
                Clock.systemUTC(),
                Duration.ofSeconds(2),
                System.out);
    }

    /**
     * {@code httpStatus}: a URL's HTTP status (-1: no answer); {@code changeInProgress}: a littlehub change holds the
     * lock.
     */
    HealCommand(
            Machine machine,
            ToIntFunction<String> httpStatus,
            BooleanSupplier changeInProgress,
            Clock clock,
            Duration pause,
            PrintStream out) {
        this.machine = machine;
        this.httpStatus = httpStatus;
        this.changeInProgress = changeInProgress;
        this.clock = clock;
        this.pause = pause;
        this.out = out;
    }

    /** 0, or 1 when a remedy's command failed (the timer's unit then shows failed, and the journal says why). */
    @Override
    public Integer call() {
        String config = machine.read(Layout.CONFIG_FILE)
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("no " + Layout.CONFIG_FILE + ": provision the hub first"));
        CommandResult show = machine.run(List.of(
                "systemctl", "show", "--timestamp=unix", "-p", SystemdOutput.PROPERTIES, HubUnits.HUB, HubUnits.PROXY));
        Map<String, HubStatus.Unit> units = new HashMap<>();
        SystemdOutput.units(show.stdout(), Map.of(), clock.instant()).forEach(u -> units.put(u.unit(), u));
        HubWatch.Unit hub = watched(units.get(HubUnits.HUB), () -> answers(HubHealth.directUrl(config), s -> s == 200));
        HubWatch.Unit proxy = watched(units.get(HubUnits.PROXY), () -> answers(HubHealth.url(config), s -> s > 0));
        int exit = ExitCodes.OK;
        for (HubWatch.Remedy r : HubWatch.remedies(hub, proxy, changeInProgress.getAsBoolean())) {
            out.println(r.unit
                    + (r.hangs ? " runs but does not answer: killing and starting it" : " failed: starting it again"));
            machine.run(
                    r.hangs
                            ? List.of("systemctl", "kill", "--signal=SIGKILL", r.unit)
                            : List.of("systemctl", "reset-failed", r.unit));
            CommandResult restart = machine.run(List.of("systemctl", "restart", r.unit));
            if (!restart.ok()) {
                out.println(r.unit + " did not start: " + (restart.stderr() + restart.stdout()).strip());
                exit = ExitCodes.FAILED;
            }
        }
        return exit;
    }

    /**
     * Whether it answers is only asked of a unit that is active. That it answered is remembered (in /run, so a
     * reboot forgets it) with the time it became active: a later restart is a new start.
     */
    private HubWatch.Unit watched(HubStatus.Unit unit, BooleanSupplier answers) {
        if (unit == null) {
            return new HubWatch.Unit("unknown", 0, false, false);
        }
        long activeFor = unit.uptime_seconds() == null ? 0 : unit.uptime_seconds();
        boolean answering = unit.active() && answers.getAsBoolean();
        String marker = ANSWERED + unit.unit();
        byte[] start = String.valueOf(unit.since()).getBytes(StandardCharsets.UTF_8);
        if (answering) {
            machine.write(marker, start, "root", "root", 0644);
        }
        boolean answered = answering
                || machine.read(marker).map(b -> Arrays.equals(b, start)).orElse(false);
        return new HubWatch.Unit(unit.active_state(), activeFor, answering, answered);
    }

    /** A few tries, a few seconds apart: one slow answer is not a hang. */
    private boolean answers(String url, IntPredicate good) {
        for (int i = 0; i < TRIES; i++) {
            if (good.test(httpStatus.applyAsInt(url))) {
                return true;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }
}
