package io.littlehub.agent.health;

import io.littlehub.agent.config.ConfigLock;
import io.littlehub.agent.config.HubHealth;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.machine.Machine;
import io.littlehub.agent.ops.HttpCheck;
import io.littlehub.agent.status.HubStatus;
import io.littlehub.common.status.HubUnits;
import io.littlehub.agent.status.SystemdOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import picocli.CommandLine.Command;

/**
 * {@code littlehub-agent heal}, run by {@code littlehub-health.timer} every minute: looks at the hub and the proxy
 * (systemd's view, whether they answer, whether they answered since they started), and applies {@link HubWatch}'s
 * remedies. What it did goes to the journal.
 */
@Command(name = "heal", description = "Restart the hub or the proxy if it runs but no longer answers, or systemd gave up on it (the health timer runs this).")
public final class HealCommand implements Callable<Integer> {
    private static final int TRIES = 3;
    /** Per unit, when it last started and answered (see {@link #watched}). */
    private static final Path ANSWERED = Path.of("/run/littlehub/answered");

    @Override
    public Integer call() throws Exception {
        Machine machine = new LocalMachine();
        String config = Files.readString(Path.of(Layout.CONFIG_FILE));
        CommandResult show = machine.run(List.of("systemctl", "show", "--timestamp=unix", "-p", SystemdOutput.PROPERTIES, HubUnits.HUB, HubUnits.PROXY));
        Map<String, HubStatus.Unit> units = new HashMap<>();
        SystemdOutput.units(show.stdout(), Map.of(), Instant.now()).forEach(u -> units.put(u.unit(), u));
        HubWatch.Unit hub = watched(units.get(HubUnits.HUB), () -> answers(HubHealth.directUrl(config), s -> s == 200));
        HubWatch.Unit proxy = watched(units.get(HubUnits.PROXY), () -> answers(HubHealth.url(config), s -> s > 0));
        for (HubWatch.Remedy r : HubWatch.remedies(hub, proxy, ConfigLock.isHeld(ConfigLock.DEFAULT))) {
            System.out.println(r.unit + (r.hangs ? " runs but does not answer: killing and starting it" : " failed: starting it again"));
            machine.run(r.hangs ? List.of("systemctl", "kill", "--signal=SIGKILL", r.unit) : List.of("systemctl", "reset-failed", r.unit));
            machine.run(List.of("systemctl", "restart", r.unit));
        }
        return 0;
    }

    /**
     * Whether it answers is only asked of a unit that is active. That it answered is remembered (in /run, so a
     * reboot forgets it) with the time it became active: a later restart is a new start.
     */
    private static HubWatch.Unit watched(HubStatus.Unit unit, BooleanSupplier answers) throws IOException {
        if (unit == null) {
            return new HubWatch.Unit("unknown", 0, false, false);
        }
        long activeFor = unit.uptime_seconds() == null ? 0 : unit.uptime_seconds();
        boolean answering = unit.active() && answers.getAsBoolean();
        Path marker = ANSWERED.resolve(unit.unit());
        String start = String.valueOf(unit.since());
        if (answering) {
            Files.createDirectories(ANSWERED);
            Files.writeString(marker, start);
        }
        boolean answered = answering || (Files.isRegularFile(marker) && Files.readString(marker).equals(start));
        return new HubWatch.Unit(unit.active_state(), activeFor, answering, answered);
    }

    /** A few tries, a few seconds apart: one slow answer is not a hang. */
    private static boolean answers(String url, IntPredicate good) {
        for (int i = 0; i < TRIES; i++) {
            if (good.test(HttpCheck.status(url))) {
                return true;
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }
}
