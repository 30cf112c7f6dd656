package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.TeacherFiles;
import io.littlehub.cli.operate.AgentVerb;
import io.littlehub.cli.passwords.IssuedPasswords;
import io.littlehub.cli.remote.AgentOptions;
import io.littlehub.cli.remote.RosterCommands;
import io.littlehub.cli.students.CsvRoster;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.students.RosterCsv;
import io.littlehub.common.students.RosterEncoding;
import io.littlehub.common.students.StudentNames;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code littlehub add-student NAME… | --csv roster.csv}: parses, then hands over to the agent on the hub. */
@Command(
        name = "add-student",
        mixinStandardHelpOptions = true,
        description = {
            "Put students on the roster (the config's users.allowed) and apply.",
            "Names are lowercased like JupyterHub does; a name with other characters than a-z 0-9 . _ @ - is refused, and then nothing changes.",
            "Each student signs in as NAME and works as unix user jupyter-NAME."
        },
        footer = {
            "",
            "CSV: a header line naming the columns: name (required), email and admin (yes/no) optional, like:",
            "  name,email,admin",
            "  ada,ada@school.example.org,yes",
            "  bob,,",
            "Separated by , ; or tab (as the header line is); UTF-8 (a BOM is fine) or Windows-1252, detected;"
                    + " fields may be quoted, over several lines too.",
            "A name with accents or spaces (José Núñez) is refused with a suggestion (jose.nunez):"
                    + " --accept-suggestions uses them."
        })
@ExitsWith({
    ExitCodes.OK,
    ExitCodes.FAILED,
    ExitCodes.USAGE,
    ExitCodes.UNREACHABLE,
    ExitCodes.INVALID_CONFIG,
    ExitCodes.LOCKED
})
public final class AddStudentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..*", description = "student names")
    List<String> names = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "a roster CSV on this laptop")
    Path csv;

    @Option(
            names = "--encoding",
            paramLabel = "NAME",
            description = "the CSV's encoding: utf-8, windows-1252 or latin-1 (default: detected)")
    String encoding;

    @Option(
            names = "--accept-suggestions",
            description = "use the suggested user name for each CSV name with accents or spaces")
    boolean acceptSuggestions;

    @Option(
            names = "--issue-passwords",
            paramLabel = "FILE",
            description =
                    "firstuse sign-in: make up a password for each named student who has none and write name,password lines to FILE (a new file, yours alone) to hand out")
    Path issuePasswords;

    @Mixin
    ChangeOptions hub;

    @Override
    public Integer call() throws Exception {
        List<RosterCsv.Entry> rows = List.of();
        if (csv == null && (encoding != null || acceptSuggestions)) {
            hub.context().err().println("--encoding and --accept-suggestions are for a roster file: give --csv FILE");
            return ExitCodes.USAGE;
        }
        if (csv != null) {
            TeacherFiles.requireFile(csv, "the roster CSV");
            Charset charset;
            try {
                charset = encoding == null ? null : RosterEncoding.named(encoding);
            } catch (IllegalArgumentException e) {
                hub.context().err().println("littlehub: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            Optional<List<RosterCsv.Entry>> roster = CsvRoster.read(
                    csv, charset, acceptSuggestions, hub.context().err());
            if (roster.isEmpty()) {
                return ExitCodes.INVALID_CONFIG;
            }
            rows = roster.get();
        }
        List<String> all = new ArrayList<>(names);
        rows.forEach(row -> all.add(row.name()));
        List<RosterCsv.Entry> fromCsv = rows;
        Function<AgentOptions, List<String>> command = o -> RosterCommands.addStudent(names, fromCsv, o);
        if (all.isEmpty()) {
            hub.context().err().println("name at least one student, or give --csv FILE");
            return ExitCodes.USAGE;
        }
        List<String> reserved = all.stream()
                .map(n -> n.strip().toLowerCase(Locale.ROOT))
                .filter(StudentNames::isRehearsal)
                .toList();
        if (!reserved.isEmpty()) {
            reserved.forEach(n -> hub.context().err().println("littlehub: " + StudentNames.reserved(n)));
            hub.context().err().println("nothing changed");
            return ExitCodes.INVALID_CONFIG;
        }
        if (issuePasswords == null) {
            return hub.change(command);
        }
        IssuedPasswords issued;
        try {
            if (hub.selection.hubs != null) {
                throw new IllegalArgumentException("--issue-passwords writes one hub's passwords: use it with --hub");
            }
            issued = IssuedPasswords.create(issuePasswords);
        } catch (IllegalArgumentException e) {
            hub.context().err().println("littlehub: " + e.getMessage() + "; nothing changed");
            return ExitCodes.USAGE;
        }
        int exit = hub.change(command, ctx -> new AgentVerb.Around() {
            @Override
            public int before(RemoteHost host) {
                return issued.checkHub(host, ctx.err());
            }

            @Override
            public int after(RemoteHost host) {
                // The agent refused any bad name before this runs, so each one normalizes.
                List<String> students =
                        all.stream().map(StudentNames::normalize).distinct().toList();
                List<String> kept = issued.issue(host, students);
                PrintStream out = hub.json() ? ctx.err() : ctx.out();
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
