package io.littlehub.cli.commands;

import io.littlehub.agent.students.RemoveStudentCommand.HomeChoice;
import io.littlehub.cli.remote.RosterCommands;
import io.littlehub.cli.remote.RosterCommands.Home;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code littlehub remove-student NAME… [--archive | --delete-home]}. */
@Command(name = "remove-student", mixinStandardHelpOptions = true,
        description = {"Take students off the roster: they are banned (cannot sign up again), their server is stopped and their hub user deleted.",
                "Their home stays on the VM unless --archive (a tarball in /var/lib/littlehub/archive, then deleted) or --delete-home.",
                "`littlehub add-student NAME` lets them back in."})
public final class RemoveStudentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "1..*") List<String> names;

    @ArgGroup(exclusive = true) HomeChoice home = new HomeChoice();
    @Mixin HubOptions hub;

    @Override
    public Integer call() {
        Home choice = home.archive ? Home.ARCHIVE : home.delete ? Home.DELETE : Home.KEEP;
        return hub.change(o -> RosterCommands.removeStudent(names, choice, o));
    }
}
