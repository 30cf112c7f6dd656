package io.littlehub.agent.ops;

import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A unix group that must exist. With {@code members} (not null), the group's supplementary members are exactly those
 * of the listed users that exist on the machine: listed users that do not exist are skipped (neither created nor
 * touched), members not listed are removed ({@code gpasswd -d}), listed users not yet members are added ({@code gpasswd -a}).
 */
public record Group(String name, boolean system, List<String> members) implements Operation<Group.Facts> {
    /**
     * @param exists        whether the group exists
     * @param members       its supplementary members now (empty when it does not exist)
     * @param existingUsers those of the wanted members that exist as unix users
     */
    public record Facts(boolean exists, Set<String> members, Set<String> existingUsers) {}

    public Group(String name, boolean system) {
        this(name, system, null);
    }

    public Group {
        members = members == null ? null : List.copyOf(members);
    }

    @Override
    public Facts gather(Machine machine) {
        CommandResult group = machine.run(List.of("getent", "group", name));
        if (!group.ok()) {
            return new Facts(false, Set.of(), existing(machine));
        }
        // name:x:gid:user1,user2
        String[] fields = group.stdout().strip().split(":", -1);
        Set<String> current = new LinkedHashSet<>();
        if (fields.length >= 4) {
            for (String m : fields[3].split(",")) {
                if (!m.isBlank()) {
                    current.add(m.strip());
                }
            }
        }
        return new Facts(true, current, existing(machine));
    }

    private Set<String> existing(Machine machine) {
        Set<String> out = new LinkedHashSet<>();
        if (members != null) {
            for (String user : members) {
                if (machine.run(List.of("getent", "passwd", user)).ok()) {
                    out.add(user);
                }
            }
        }
        return out;
    }

    @Override
    public List<Action> plan(Facts facts) {
        List<Action> actions = new ArrayList<>();
        if (!facts.exists()) {
            actions.add(new Action.Run(system ? List.of("groupadd", "--system", name) : List.of("groupadd", name)));
        }
        if (members == null) {
            return actions;
        }
        Set<String> current = facts.exists() ? facts.members() : Set.of();
        for (String m : current) {
            if (!members.contains(m)) {
                actions.add(new Action.Run(List.of("gpasswd", "-d", m, name)));
            }
        }
        for (String m : members) {
            if (facts.existingUsers().contains(m) && !current.contains(m)) {
                actions.add(new Action.Run(List.of("gpasswd", "-a", m, name)));
            }
        }
        return actions;
    }
}
