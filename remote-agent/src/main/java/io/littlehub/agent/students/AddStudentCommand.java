package io.littlehub.agent.students;

import io.littlehub.agent.ChangeOptions;
import io.littlehub.agent.ConfigApply;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.students.RosterCsv;
import io.littlehub.common.students.RosterEncoding;
import io.littlehub.common.students.StudentNames;
import io.littlehub.common.students.UnixNames;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code add-student NAME… [--csv FILE]}: puts students on the roster (users.allowed) and applies. */
@Command(name = "add-student", description = "Add students to the roster (and un-ban them).")
public final class AddStudentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..*", description = "student names (normalized to lowercase)")
    List<String> typed = new ArrayList<>();

    @Option(
            names = "--csv",
            paramLabel = "FILE",
            description = "a roster CSV: a header line with name (and optional email, admin columns);"
                    + " separated by , ; or tab")
    Path csv;

    @Option(
            names = "--encoding",
            paramLabel = "NAME",
            description = "the CSV's encoding (utf-8, windows-1252, latin-1); default: UTF-8 if it reads as UTF-8,"
                    + " else Windows-1252")
    String encoding;

    @Option(
            names = "--accept-suggestions",
            description =
                    "use the suggested user name for a CSV name with accents or spaces" + " (José Núñez: jose.nunez)")
    boolean acceptSuggestions;

    @Option(names = "--admin", paramLabel = "NAME", description = "also add NAME as an admin (repeatable)")
    List<String> admins = new ArrayList<>();

    @Option(
            names = "--email",
            paramLabel = "NAME=ADDRESS",
            description = "record a student's e-mail address (repeatable)")
    Map<String, String> emails = new LinkedHashMap<>();

    @Option(
            names = "--rehearsal",
            hidden = true,
            description = "littlehub rehearse's temporary students (rehearsal-NNN) into users.rehearsal")
    boolean rehearsal;

    @Mixin
    ChangeOptions change;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        NameList names = new NameList().addAll(typed).addAll(admins);
        NameList adminNames = new NameList().addAll(admins);
        Map<String, String> emailByName = new LinkedHashMap<>();
        emails.forEach((n, e) -> {
            try {
                emailByName.put(StudentNames.normalize(n), e);
            } catch (IllegalArgumentException ex) {
                names.problem("--email " + n + "=" + e + ": " + ex.getMessage());
            }
        });
        if (csv != null) {
            Charset charset = null;
            try {
                charset = encoding == null ? null : RosterEncoding.named(encoding);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return ExitCodes.USAGE;
            }
            RosterCsv.Result parsed =
                    RosterCsv.read(csv.toString(), Files.readAllBytes(csv), charset, acceptSuggestions);
            parsed.notes().forEach(err::println);
            parsed.problems().forEach(names::problem);
            for (RosterCsv.Entry entry : parsed.entries()) {
                names.add(entry.name());
                if (entry.admin()) {
                    adminNames.add(entry.name());
                }
                if (entry.email() != null) {
                    emailByName.put(entry.name(), entry.email());
                }
            }
        }
        if (names.names().isEmpty() && !names.report(err)) {
            err.println("name at least one student (or --csv FILE)");
            return ExitCodes.USAGE;
        }
        Roster roster = Roster.of(ConfigApply.onThisMachine(null).current());
        names.checkUnixNames(roster.everyone());
        if (rehearsal) {
            names.names().stream()
                    .filter(n -> !StudentNames.isRehearsal(n))
                    .forEach(n -> names.problem(n + " is not a rehearsal student's name (rehearsal-001 ...)"));
        } else {
            names.refuseRehearsalNames();
        }
        if (names.report(err)) {
            return ExitCodes.INVALID_CONFIG;
        }
        if (rehearsal) {
            return change.apply(
                    text -> RosterEdit.addRehearsalStudents(text, names.names()),
                    "rehearse: add " + summary(names.names()));
        }
        List<RosterEdit.Student> students = new ArrayList<>();
        for (String name : names.names()) {
            students.add(new RosterEdit.Student(
                    name, emailByName.get(name), adminNames.names().contains(name)));
        }
        // A removed student's name may still have a password (stored before it was banned, by whoever chose it):
        // forgotten while the name is still banned, so the student re-admitted chooses their own at first sign-in.
        PasswordReset passwords = new PasswordReset(new LocalMachine());
        List<String> readmitted = names.names().stream()
                .filter(roster.banned()::contains)
                .filter(passwords::forget)
                .toList();
        int exit =
                change.apply(text -> RosterEdit.addStudents(text, students), "add-student " + summary(names.names()));
        if (exit != ExitCodes.OK) {
            return exit;
        }
        PrintStream out = change.json ? err : System.out;
        // The hub is not restarted for a roster change (littlehub_roster.py): an admin it already knows is made one
        // through its API; everyone else is one from their first sign-in.
        List<String> newAdmins = students.stream()
                .filter(RosterEdit.Student::admin)
                .map(RosterEdit.Student::name)
                .toList();
        if (!newAdmins.isEmpty()) {
            HubApi api = HubApi.onThisMachine(roster.baseUrl());
            for (String name : newAdmins) {
                api.setAdmin(name, true);
            }
        }
        for (RosterEdit.Student s : students) {
            boolean known =
                    roster.students().contains(s.name()) && !roster.banned().contains(s.name());
            out.println(s.name() + ": " + (known ? "already on the roster" : "added") + (s.admin() ? ", admin" : "")
                    + " (unix user " + UnixNames.unixName(s.name()) + ")"
                    + (readmitted.contains(s.name()) ? "; the password stored for this name was forgotten" : ""));
        }
        if (roster.openSignup()) {
            out.println("note: users.open_signup is on: anyone can still sign up under a new name; "
                    + "to let only the roster in: littlehub config set users.open_signup false");
        }
        return ExitCodes.OK;
    }

    static String summary(List<String> names) {
        return names.size() <= 5
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }
}
