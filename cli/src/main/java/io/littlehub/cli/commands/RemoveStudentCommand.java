package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.remote.RosterCommands;
import io.littlehub.cli.remote.RosterCommands.Home;
import io.littlehub.common.ExitCodes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code littlehub remove-student NAME… [--archive | --delete-home]}. */
@Command(
        name = "remove-student",
        mixinStandardHelpOptions = true,
        description = {
            "Take students off the roster: they are banned (cannot sign up again), their server is stopped and their hub user deleted.",
            "Their home stays on the VM unless --archive (a tarball in /var/lib/littlehub/archive, then deleted) or --delete-home.",
            "`littlehub add-student NAME` lets them back in."
        })
@ExitsWith({
    ExitCodes.OK,
    ExitCodes.FAILED,
    ExitCodes.USAGE,
    ExitCodes.UNREACHABLE,
    ExitCodes.INVALID_CONFIG,
    ExitCodes.LOCKED
})
public final class RemoveStudentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "1..*")
    List<String> names;

    /** The laptop's own options (the agent's command has its twin): the two sides change independently. */
    static final class HomeChoice {
        @Option(
                names = "--archive",
                description = "keep a tarball of the home in /var/lib/littlehub/archive, then delete the home")
        boolean archive;

        @Option(names = "--delete-home", description = "delete the home and the unix user, without a copy")
        boolean delete;
    }

    @ArgGroup(exclusive = true)
    HomeChoice home = new HomeChoice();

    @Mixin
    ChangeOptions hub;

    @Override
    public Integer call() {
        Home choice = home.archive ? Home.ARCHIVE : home.delete ? Home.DELETE : Home.KEEP;
        return hub.change(o -> RosterCommands.removeStudent(names, choice, o));
    }
}
