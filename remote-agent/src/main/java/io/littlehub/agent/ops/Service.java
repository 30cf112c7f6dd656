package io.littlehub.agent.ops;

import io.littlehub.common.machine.Machine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A systemd unit that must be enabled (or disabled) and running (or stopped): {@code service: {name: X}} starts and
 * enables, {@code enabled: false, running: false} stops and disables (a unit that does not exist is both already).
 * Reloads systemd first when the unit file, or the file of a unit it triggers (a timer's service), changed on disk
 * (systemd says so in NeedDaemonReload), so the new files are what starts.
 */
public record Service(String name, boolean enabled, boolean running) implements Operation<Service.Facts> {
    public record Facts(boolean needsReload, boolean enabled, boolean active) {
        /**
         * From {@code systemctl show} of the unit (NeedDaemonReload, UnitFileState, ActiveState) and of the units it
         * triggers (NeedDaemonReload only; empty when it triggers none).
         */
        static Facts of(String unit, String triggered) {
            boolean reload = (unit + "\n" + triggered).lines().anyMatch(l -> l.equals("NeedDaemonReload=yes"));
            return new Facts(
                    reload,
                    unit.lines().anyMatch(l -> l.equals("UnitFileState=enabled")),
                    unit.lines().anyMatch(l -> l.equals("ActiveState=active") || l.equals("ActiveState=activating")));
        }
    }

    @Override
    public Facts gather(Machine machine) {
        String unit = machine.run(List.of(
                        "systemctl", "show", "--property=NeedDaemonReload,UnitFileState,ActiveState,Triggers", name))
                .stdout();
        List<String> argv = new ArrayList<>(List.of("systemctl", "show", "--property=NeedDaemonReload"));
        argv.addAll(triggers(unit));
        return Facts.of(unit, argv.size() > 3 ? machine.run(argv).stdout() : "");
    }

    /** The units named on the Triggers= line (a timer's service), none for most units. */
    static List<String> triggers(String show) {
        return show.lines()
                .filter(l -> l.startsWith("Triggers="))
                .findFirst()
                .map(l -> Arrays.stream(l.substring("Triggers=".length()).split(" "))
                        .filter(u -> !u.isBlank())
                        .toList())
                .orElse(List.of());
    }

    @Override
    public List<Action> plan(Facts facts) {
        List<Action> actions = new ArrayList<>();
        if (facts.needsReload()) {
            actions.add(new Action.Run(List.of("systemctl", "daemon-reload")));
        }
        if (enabled != facts.enabled()) {
            actions.add(new Action.Run(List.of("systemctl", enabled ? "enable" : "disable", name)));
        }
        if (running != facts.active()) {
            actions.add(new Action.Run(List.of("systemctl", running ? "start" : "stop", name)));
        }
        return actions;
    }
}
