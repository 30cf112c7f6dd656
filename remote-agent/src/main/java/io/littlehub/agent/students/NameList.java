package io.littlehub.agent.students;

import io.littlehub.common.students.StudentNames;
import io.littlehub.common.students.UnixNames;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names from a command line, normalized: every problem is collected (so the teacher fixes all at once), names that
 * normalize alike are merged with a note, and two names that would share a unix user are refused.
 */
public final class NameList {
    private final Map<String, String> typedByName = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public NameList add(String typed) {
        try {
            String name = StudentNames.normalize(typed);
            String earlier = typedByName.putIfAbsent(name, typed);
            if (earlier != null && !earlier.equals(typed)) {
                notes.add("\"" + earlier + "\" and \"" + typed + "\" are the same user: " + name);
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return this;
    }

    public NameList addAll(List<String> typed) {
        typed.forEach(this::add);
        return this;
    }

    public void problem(String message) {
        problems.add(message);
    }

    /** Refuses the names reserved for a rehearsal's temporary students ({@code rehearsal-…}). */
    public void refuseRehearsalNames() {
        typedByName.keySet().stream()
                .filter(StudentNames::isRehearsal)
                .forEach(n -> problems.add(StudentNames.reserved(n)));
    }

    /** Refuses two different names that map to one unix user (among these and {@code existing}). */
    public void checkUnixNames(Iterable<String> existing) {
        Map<String, String> byUnix = new LinkedHashMap<>();
        existing.forEach(n -> byUnix.put(UnixNames.unixName(n), n));
        for (String name : typedByName.keySet()) {
            String other = byUnix.putIfAbsent(UnixNames.unixName(name), name);
            if (other != null && !other.equals(name)) {
                problems.add(name + " and " + other + " would share the unix user " + UnixNames.unixName(name)
                        + ": change one of the names");
            }
        }
    }

    public List<String> names() {
        return new ArrayList<>(typedByName.keySet());
    }

    /** Prints notes, then problems; true when there were problems (and so nothing may change). */
    public boolean report(PrintStream err) {
        notes.forEach(n -> err.println("note: " + n));
        problems.forEach(err::println);
        if (!problems.isEmpty()) {
            err.println("nothing changed: " + problems.size() + (problems.size() == 1 ? " name needs" : " names need")
                    + " fixing");
        }
        return !problems.isEmpty();
    }
}
