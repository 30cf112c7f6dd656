package io.littlehub.agent.ops;

import io.littlehub.common.machine.FileState;
import io.littlehub.common.machine.Machine;
import java.util.List;
import java.util.Optional;

/** A directory with the given owner, group and mode. */
public record Directory(String path, String owner, String group, int mode) implements Operation<Optional<FileState>> {
    @Override
    public Optional<FileState> gather(Machine machine) {
        return machine.stat(path);
    }

    @Override
    public List<Action> plan(Optional<FileState> facts) {
        if (facts.isEmpty()) {
            return List.of(new Action.MakeDirectory(path, owner, group, mode));
        }
        FileState f = facts.get();
        if (!f.directory()) {
            return List.of(new Action.Fail(path + " exists but is not a directory: move it away, then run again"));
        }
        if (!f.owner().equals(owner) || !f.group().equals(group) || f.mode() != mode) {
            return List.of(new Action.SetAttributes(path, owner, group, mode));
        }
        return List.of();
    }
}
