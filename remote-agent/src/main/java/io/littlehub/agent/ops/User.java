package io.littlehub.agent.ops;

import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A unix user that must exist, with at least the given supplementary groups. */
public record User(String name, boolean system, String home, String shell, List<String> groups)
        implements Operation<User.Facts> {
    public record Facts(boolean exists, Set<String> groups) {}

    @Override
    public Facts gather(Machine machine) {
        if (!machine.run(List.of("getent", "passwd", name)).ok()) {
            return new Facts(false, Set.of());
        }
        CommandResult r = machine.run(List.of("id", "-nG", name));
        return new Facts(true, Set.of(r.stdout().strip().split("\\s+")));
    }

    @Override
    public List<Action> plan(Facts facts) {
        if (!facts.exists()) {
            List<String> argv = new ArrayList<>(List.of("useradd"));
            if (system) {
                argv.add("--system");
            }
            argv.addAll(List.of("--home-dir", home, "--shell", shell));
            argv.add(system ? "--no-create-home" : "--create-home");
            if (!groups.isEmpty()) {
                argv.addAll(List.of("--groups", String.join(",", groups)));
            }
            argv.add(name);
            return List.of(new Action.Run(argv));
        }
        List<String> missing =
                groups.stream().filter(g -> !facts.groups().contains(g)).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        return List.of(new Action.Run(List.of("usermod", "--append", "--groups", String.join(",", missing), name)));
    }
}
