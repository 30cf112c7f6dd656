package io.littlehub.agent.ops;

import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.Machine;
import java.util.List;

/**
 * A symbolic link pointing at {@code target}, switched in one rename: a new link is made beside it and moved over the
 * old one ({@code mv -T} is rename(2)), so a reader sees the old target or the new one, never no link. This is how
 * an upgrade makes a new release the hub's ({@code /opt/littlehub/current}).
 */
public record Symlink(String path, String target) implements Operation<Symlink.Facts> {
    /** {@code target}: where the link points now (null when there is no link); {@code other}: something else is there. */
    public record Facts(String target, boolean other) {
        public static final Facts MISSING = new Facts(null, false);
    }

    @Override
    public Facts gather(Machine machine) {
        if (machine.stat(path).isEmpty()) {
            return Facts.MISSING;
        }
        CommandResult link = machine.run(List.of("readlink", path));
        return link.ok() ? new Facts(link.stdout().strip(), false) : new Facts(null, true);
    }

    @Override
    public List<Action> plan(Facts facts) {
        if (facts.other()) {
            return List.of(new Action.Fail(path + " exists and is not a symbolic link: move it aside, then run again"));
        }
        if (target.equals(facts.target())) {
            return List.of();
        }
        String fresh = path + ".new";
        return List.of(
                new Action.Run("point " + path + " at " + target, List.of("ln", "-sfnT", target, fresh)),
                new Action.Run(List.of("mv", "-T", fresh, path)));
    }
}
