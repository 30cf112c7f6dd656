package io.littlehub.agent.students;

import io.littlehub.common.config.ConfigEdit;
import io.littlehub.common.students.StudentNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The roster commands as edits of the config's {@code users} section: pure, text in and text out, validated and
 * applied by ConfigApply like any other change. The config is the roster's one record:
 * {@code users.allowed} (students), {@code users.admin}, {@code users.banned} (removed students: they cannot sign up
 * again under the same name, whatever the sign-in method) and {@code users.emails}. Each change is a
 * {@link ConfigEdit} of one list or the emails, for all the names at once, so the file's comments stay; additions
 * come before removals, so a section emptied for a moment is not dropped and written anew at the end of the file.
 */
public final class RosterEdit {
    private static final List<String> ALLOWED = List.of("users", "allowed");
    private static final List<String> ADMIN = List.of("users", "admin");
    private static final List<String> BANNED = List.of("users", "banned");
    private static final List<String> EMAILS = List.of("users", "emails");
    private static final List<String> REHEARSAL = List.of("users", "rehearsal");

    private RosterEdit() {}

    public record Student(String name, String email, boolean admin) {}

    public static String addStudents(String yaml, List<Student> students) {
        List<String> names = students.stream().map(Student::name).toList();
        Map<String, String> emails = new LinkedHashMap<>();
        students.stream().filter(s -> s.email() != null).forEach(s -> emails.put(s.name(), s.email()));
        String text = ConfigEdit.withItems(yaml, ALLOWED, names);
        text = ConfigEdit.withItems(
                text,
                ADMIN,
                students.stream().filter(Student::admin).map(Student::name).toList());
        text = ConfigEdit.withEntries(text, EMAILS, emails);
        return ConfigEdit.withoutItems(text, BANNED, names);
    }

    /** A rehearsal's temporary students ({@code rehearsal-…}): let in beside the roster, nowhere on it. */
    public static String addRehearsalStudents(String yaml, List<String> names) {
        return ConfigEdit.withItems(yaml, REHEARSAL, names);
    }

    /**
     * Real students are banned; a rehearsal's are only taken off users.rehearsal (and off users.banned, where
     * rehearsals before users.rehearsal left them): no real student can have their names.
     */
    public static String removeStudents(String yaml, List<String> names) {
        List<String> rehearsal =
                names.stream().filter(StudentNames::isRehearsal).toList();
        List<String> real =
                names.stream().filter(n -> !StudentNames.isRehearsal(n)).toList();
        String text = ConfigEdit.withItems(yaml, BANNED, real);
        text = ConfigEdit.withoutItems(text, BANNED, rehearsal);
        text = ConfigEdit.withoutItems(text, REHEARSAL, rehearsal);
        text = ConfigEdit.withoutItems(text, ALLOWED, names);
        text = ConfigEdit.withoutItems(text, ADMIN, names);
        return ConfigEdit.withoutEntries(text, EMAILS, names);
    }

    public static String addAdmins(String yaml, List<String> names) {
        return ConfigEdit.withoutItems(ConfigEdit.withItems(yaml, ADMIN, names), BANNED, names);
    }

    /** A former admin stays on the roster as a student. */
    public static String removeAdmins(String yaml, List<String> names) {
        return ConfigEdit.withoutItems(ConfigEdit.withItems(yaml, ALLOWED, names), ADMIN, names);
    }
}
