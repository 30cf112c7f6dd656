package io.littlehub.agent.ops;

import io.littlehub.agent.machine.CommandResult;
import io.littlehub.agent.machine.Machine;
import java.util.List;

/**
 * A folder tree the members of {@code group} may change, whoever owns its files: an ACL entry for the group on every
 * file and folder, and a default entry on folders, so what anyone creates there later (pip as root, an admin in a
 * terminal) is theirs to change too. Others keep what the modes give them (read). Facts are the top folder's ACL:
 * new files inherit the default entry, so once the top carries both entries the tree does.
 */
public record GroupAccess(String path, String group) implements Operation<GroupAccess.Facts> {
    /** @param acl {@code getfacl} of the top folder, or null when it does not exist */
    public record Facts(String acl) {
    }

    @Override
    public Facts gather(Machine machine) {
        CommandResult r = machine.run(List.of("getfacl", "--absolute-names", "--omit-header", path));
        return new Facts(r.ok() ? r.stdout() : null);
    }

    @Override
    public List<Action> plan(Facts facts) {
        if (facts.acl() == null) {
            return List.of(new Action.Fail(path + " does not exist (or getfacl is missing: apt-get install acl)"));
        }
        List<String> lines = facts.acl().lines().map(String::strip).toList();
        if (lines.contains("group:" + group + ":rwx") && lines.contains("default:group:" + group + ":rwx")) {
            return List.of();
        }
        // -P: never follow a symlink (a venv's bin/python points into /usr/bin). X: execute only where it is already.
        return List.of(new Action.Run(List.of("setfacl", "-R", "-P", "-m", "g:" + group + ":rwX", "-m", "d:g:" + group + ":rwX", path)));
    }
}
