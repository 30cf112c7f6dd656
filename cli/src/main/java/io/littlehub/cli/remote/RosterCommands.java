package io.littlehub.cli.remote;

import io.littlehub.common.students.RosterCsv;
import java.util.ArrayList;
import java.util.List;

/**
 * The roster's agent commands ({@code add-student}, {@code remove-student}, {@code students}, {@code add-admin},
 * {@code remove-admin}, {@code reset-password}, {@code passwords}), with the hub's own agent: options first, the names
 * after {@code --}, so none is read as an option.
 */
public final class RosterCommands {
    /** What {@code remove-student} does with a home: keep it, archive it, or delete it. */
    public enum Home {
        KEEP,
        ARCHIVE,
        DELETE
    }

    private RosterCommands() {}

    /**
     * {@code add-student [--admin NAME] [--email NAME=ADDRESS]… -- NAMES CSV_NAMES}: the typed names, then a roster
     * CSV's rows (each one's admin flag and email as options, in the file's order).
     */
    public static List<String> addStudent(List<String> names, List<RosterCsv.Entry> csv, AgentOptions options) {
        List<String> csvOptions = new ArrayList<>();
        List<String> all = new ArrayList<>(names);
        for (RosterCsv.Entry e : csv) {
            all.add(e.name());
            if (e.admin()) {
                csvOptions.addAll(List.of("--admin", e.name()));
            }
            if (e.email() != null) {
                csvOptions.addAll(List.of("--email", e.name() + "=" + e.email()));
            }
        }
        return AgentCommands.hubAgent(List.of("add-student"), csvOptions, options, all);
    }

    /** {@code add-student --rehearsal -- NAMES}: a rehearsal's temporary students, into users.rehearsal. */
    public static List<String> addRehearsalStudents(List<String> names, AgentOptions options) {
        return AgentCommands.hubAgent(List.of("add-student"), List.of("--rehearsal"), options, names);
    }

    /** {@code remove-student [--archive | --delete-home] -- NAMES}. */
    public static List<String> removeStudent(List<String> names, Home home, AgentOptions options) {
        List<String> homeOption = switch (home) {
            case KEEP -> List.of();
            case ARCHIVE -> List.of("--archive");
            case DELETE -> List.of("--delete-home");
        };
        return AgentCommands.hubAgent(List.of("remove-student"), homeOption, options, names);
    }

    /** {@code students}: the roster and every hub user. */
    public static List<String> students(AgentOptions options) {
        return AgentCommands.hubAgent(List.of("students"), List.of(), options, List.of());
    }

    /** {@code add-admin -- NAMES}. */
    public static List<String> addAdmin(List<String> names, AgentOptions options) {
        return AgentCommands.hubAgent(List.of("add-admin"), List.of(), options, names);
    }

    /** {@code remove-admin -- NAMES}. */
    public static List<String> removeAdmin(List<String> names, AgentOptions options) {
        return AgentCommands.hubAgent(List.of("remove-admin"), List.of(), options, names);
    }

    /** {@code reset-password -- NAME}: FirstUse forgets the password. */
    public static List<String> resetPassword(String name, AgentOptions options) {
        return AgentCommands.hubAgent(List.of("reset-password"), List.of(), options, List.of(name));
    }

    /**
     * {@code passwords --json [--set-from-stdin [--if-unset]] -- NAMES}: which names have a FirstUse password, or set
     * them from stdin (one line per name; never in argv).
     */
    public static List<String> passwords(List<String> names, boolean set, boolean ifUnset) {
        List<String> setOptions = new ArrayList<>();
        if (set) {
            setOptions.add("--set-from-stdin");
            if (ifUnset) {
                setOptions.add("--if-unset");
            }
        }
        return AgentCommands.hubAgent(List.of("passwords"), setOptions, new AgentOptions(true, null, null), names);
    }
}
