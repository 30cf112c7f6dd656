package io.littlehub.agent.students;

import com.fasterxml.jackson.databind.JsonNode;
import io.littlehub.agent.ChangeOptions;
import io.littlehub.agent.ConfigApply;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.students.StudentNames;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code remove-student NAME…}: off the roster and banned (so they cannot sign up again under any sign-in method),
 * their server stopped and their hub user deleted. The home stays unless {@code --archive} (a tarball first) or
 * {@code --delete-home}. Re-running it finishes a removal that was interrupted.
 */
@Command(
        name = "remove-student",
        description = "Remove students: off the roster, banned, server stopped; home kept unless asked.")
public final class RemoveStudentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "1..*")
    List<String> typed;

    /** What happens to the home (the laptop's remove-student takes the same options). */
    public static final class HomeChoice {
        @Option(
                names = "--archive",
                description = "keep a tarball of the home in /var/lib/littlehub/archive, then delete the home")
        public boolean archive;

        @Option(names = "--delete-home", description = "delete the home and the unix user, without a copy")
        public boolean delete;
    }

    @ArgGroup(exclusive = true)
    HomeChoice home = new HomeChoice();

    @Mixin
    ChangeOptions change;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        NameList names = new NameList().addAll(typed);
        Roster roster = Roster.of(ConfigApply.onThisMachine(null).current());
        HubApi api = HubApi.onThisMachine(roster.baseUrl());
        Set<String> known = new LinkedHashSet<>(roster.everyone());
        known.addAll(roster.banned());
        for (JsonNode user : api.users()) {
            known.add(user.path("name").asText());
        }
        for (String name : names.names()) {
            // A rehearsal's student the hub no longer knows may still have a home: removing it again finishes that.
            if (!known.contains(name) && !StudentNames.isRehearsal(name)) {
                names.problem(Roster.unknown(name, known, "a user of this hub"));
            }
        }
        if (names.report(err)) {
            return ExitCodes.INVALID_CONFIG;
        }
        int exit = change.apply(
                text -> RosterEdit.removeStudents(text, names.names()),
                "remove-student " + AddStudentCommand.summary(names.names()));
        if (exit != ExitCodes.OK) {
            return exit;
        }
        PrintStream out = change.json ? err : System.out;
        Homes homes = new Homes(new LocalMachine());
        for (String name : names.names()) {
            boolean deleted = api.deleteUser(name);
            Optional<String> dir = homes.home(name);
            String what = deleted ? "removed, server stopped" : "removed";
            if (dir.isPresent() && home.archive) {
                what += ", home archived to " + homes.archive(name, dir.get()) + " and deleted";
                homes.delete(name);
            } else if (dir.isPresent() && home.delete) {
                homes.delete(name);
                what += ", home deleted";
            } else if (dir.isPresent()) {
                what += ", home kept at " + dir.get() + " (remove-student --archive or --delete-home to remove it)";
            }
            out.println(name + ": " + what);
        }
        return ExitCodes.OK;
    }
}
