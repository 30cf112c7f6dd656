package io.littlehub.agent.students;

import io.littlehub.common.config.ConfigEdit;
import java.util.List;

/**
 * The roster commands as edits of the config's {@code users} section: pure, text in and text out, validated and
 * applied by ConfigApply like any other change. The config is the roster's one record:
 * {@code users.allowed} (students), {@code users.admin}, {@code users.banned} (removed students: they cannot sign up
 * again under the same name, whatever the sign-in method) and {@code users.emails}. Each change is a
 * {@link ConfigEdit} of one list item or email, so the file's comments stay; additions come before removals, so a
 * section emptied for a moment is not dropped and written anew at the end of the file.
 */
public final class RosterEdit {
    private static final List<String> ALLOWED = List.of("users", "allowed");
    private static final List<String> ADMIN = List.of("users", "admin");
    private static final List<String> BANNED = List.of("users", "banned");

    private RosterEdit() {
    }

    public record Student(String name, String email, boolean admin) {
    }

    public static String addStudents(String yaml, List<Student> students) {
        String text = yaml;
        for (Student s : students) {
            text = ConfigEdit.withItem(text, ALLOWED, s.name());
            if (s.admin()) {
                text = ConfigEdit.withItem(text, ADMIN, s.name());
            }
            if (s.email() != null) {
                text = ConfigEdit.put(text, email(s.name()), s.email());
            }
            text = ConfigEdit.withoutItem(text, BANNED, s.name());
        }
        return text;
    }

    public static String removeStudents(String yaml, List<String> names) {
        String text = yaml;
        for (String name : names) {
            text = ConfigEdit.withItem(text, BANNED, name);
            text = ConfigEdit.withoutItem(text, ALLOWED, name);
            text = ConfigEdit.withoutItem(text, ADMIN, name);
            text = ConfigEdit.without(text, email(name));
        }
        return text;
    }

    public static String addAdmins(String yaml, List<String> names) {
        String text = yaml;
        for (String name : names) {
            text = ConfigEdit.withItem(text, ADMIN, name);
            text = ConfigEdit.withoutItem(text, BANNED, name);
        }
        return text;
    }

    /** A former admin stays on the roster as a student. */
    public static String removeAdmins(String yaml, List<String> names) {
        String text = yaml;
        for (String name : names) {
            text = ConfigEdit.withItem(text, ALLOWED, name);
            text = ConfigEdit.withoutItem(text, ADMIN, name);
        }
        return text;
    }

    /** The key of a student's email: a name may hold dots, so it is one part of the path. */
    private static List<String> email(String name) {
        return List.of("users", "emails", name);
    }
}
