package io.littlehub.agent.ops;

import io.littlehub.agent.machine.Machine;
import java.util.ArrayList;
import java.util.List;

/**
 * A systemd service that must be enabled and running. Reloads systemd first when its unit file changed on disk
 * (systemd says so in NeedDaemonReload), so a new unit file is what starts.
 */
public record Service(String name, boolean enabled, boolean running) implements Operation<Service.Facts> {
    public record Facts(boolean needsReload, boolean enabled, boolean active) {
    }

    @Override
    public Facts gather(Machine machine) {
        String show = machine.run(List.of("systemctl", "show", "--property=NeedDaemonReload,UnitFileState,ActiveState", name)).stdout();
        return new Facts(show.contains("NeedDaemonReload=yes"), show.contains("UnitFileState=enabled"), show.contains("ActiveState=active"));
    }

    @Override
    public List<Action> plan(Facts facts) {
        List<Action> actions = new ArrayList<>();
        if (facts.needsReload()) {
            actions.add(new Action.Run(List.of("systemctl", "daemon-reload")));
        }
        if (enabled && !facts.enabled()) {
            actions.add(new Action.Run(List.of("systemctl", "enable", name)));
        }
        if (running && !facts.active()) {
            actions.add(new Action.Run(List.of("systemctl", "start", name)));
        }
        return actions;
    }
}
