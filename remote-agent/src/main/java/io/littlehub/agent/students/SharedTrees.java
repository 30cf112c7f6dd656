package io.littlehub.agent.students;

import io.littlehub.agent.ops.Action;
import io.littlehub.agent.ops.GroupAccess;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * The trees admins change for everyone: the users' environment and /srv/data. The provision playbook's group_access
 * tasks keep them owned by root at every converge; remove-admin settles them once more right away, after the
 * demoted admin's server has stopped, through the same operation.
 */
final class SharedTrees {
    static final List<String> PATHS = List.of(Layout.USER_VENV, Layout.SHARED_DATA);

    private SharedTrees() {}

    /** Gives anything a person owns in the shared trees to root:root (the admins' group keeps its ACL access). */
    static void giveToRoot(Machine machine, PrintStream out) throws IOException {
        for (String path : PATHS) {
            GroupAccess access = new GroupAccess(path, Layout.ADMINS_GROUP);
            for (Action action : access.plan(access.gather(machine))) {
                if (action instanceof Action.Run run) {
                    CommandResult r = machine.run(run.argv());
                    if (!r.ok()) {
                        throw new IOException(
                                run.describe() + " failed: " + r.stderr().strip());
                    }
                    out.println(run.describe());
                } else {
                    throw new IOException(action.describe() + ": run `littlehub provision` to repair the hub");
                }
            }
        }
    }
}
