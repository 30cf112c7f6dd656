package io.littlehub.cli.commands;

import io.littlehub.common.ExitCodes;
import io.littlehub.common.students.StudentNames;
import io.littlehub.cli.passwords.IssuedPasswords;
import io.littlehub.cli.remote.AgentVerb;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.cli.students.CsvRoster;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code littlehub add-student NAME… | --csv roster.csv}: parses, then hands over to the agent on the hub. */
@Command(name = "add-student", mixinStandardHelpOptions = true,
        description = {"Put students on the roster (the config's users.allowed) and apply.",
                "Names are lowercased like JupyterHub does; a name with other characters than a-z 0-9 . _ @ - is refused, and then nothing changes.",
                "Each student signs in as NAME and works as unix user jupyter-NAME."},
        footer = {"", "CSV: a header line naming the columns: name (required), email and admin (yes/no) optional, like:",
                "  name,email,admin", "  ada,ada@school.example.org,yes", "  bob,,",
                "", "Exit codes: 0 done, 1 failed (rolled back), 2 bad command line, 3 SSH failed, 5 bad names (nothing changed), 6 another change holds the lock."})
public final class AddStudentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..*", description = "student names") List<String> names = new ArrayList<>();
    @Option(names = "--csv", paramLabel = "FILE", description = "a roster CSV on this laptop") Path csv;
    @Option(names = "--issue-passwords", paramLabel = "FILE", description = "firstuse sign-in: make up a password for each named student who has none and write name,password lines to FILE (a new file, yours alone) to hand out")
    Path issuePasswords;
    @Mixin HubOptions hub;

    @Override
    public Integer call() throws Exception {
        List<String> options = new ArrayList<>();
        List<String> all = new ArrayList<>(names);
        if (csv != null) {
            Optional<CsvRoster.Arguments> roster = CsvRoster.read(csv, hub.context().err());
            if (roster.isEmpty()) {
                return ExitCodes.INVALID_CONFIG;
            }
            options.addAll(roster.get().options());
            all.addAll(roster.get().names());
        }
        if (all.isEmpty()) {
            hub.context().err().println("name at least one student, or give --csv FILE");
            return ExitCodes.USAGE;
        }
        if (issuePasswords == null) {
            return hub.change("add-student", options, all);
        }
        IssuedPasswords issued;
        try {
            issued = IssuedPasswords.create(issuePasswords);
        } catch (IllegalArgumentException e) {
            hub.context().err().println("littlehub: " + e.getMessage() + "; nothing changed");
            return ExitCodes.USAGE;
        }
        int exit = hub.change("add-student", options, all, new AgentVerb.Around() {
            @Override
            public int before(RemoteHost host) {
                return issued.checkHub(host, hub.context().err());
            }

            @Override
            public int after(RemoteHost host) {
                // The agent refused any bad name before this runs, so each one normalizes.
                List<String> students = all.stream().map(StudentNames::normalize).distinct().toList();
                List<String> kept = issued.issue(host, students);
                PrintStream out = hub.json() ? hub.context().err() : hub.context().out();
                out.println("passwords for " + (students.size() - kept.size()) + " students in " + issued.file()
                        + " (name,password): hand them out, then delete the file");
                kept.forEach(n -> out.println(n + ": already has a password, kept (`littlehub reset-password " + n
                        + "` lets them choose a new one)"));
                return ExitCodes.OK;
            }
        });
        if (exit != ExitCodes.OK) {
            issued.discard();
        }
        return exit;
    }
}
