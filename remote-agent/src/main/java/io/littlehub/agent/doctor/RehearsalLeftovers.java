package io.littlehub.agent.doctor;

import io.littlehub.common.config.Layout;
import io.littlehub.common.students.StudentNames;
import io.littlehub.common.students.UnixNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a rehearsal that died left on the VM ({@code littlehub rehearse} removes its students itself, and its next
 * run sweeps what a killed one left): {@code rehearsal-…} names in the config (users.rehearsal, or users.banned where
 * older rehearsals put them) or among the hub's users, and unix users {@code jupyter-rehearsal-…} with their homes.
 * The names are reserved for rehearsals, so removing them loses no real student's work. Pure.
 */
public record RehearsalLeftovers(Set<String> students, Set<String> unixUsersOnly) {
    static final RehearsalLeftovers NONE = new RehearsalLeftovers(Set.of(), Set.of());

    /**
     * @param names the config's and the hub's user names (any; the rehearsal's are picked out)
     * @param passwd {@code getent passwd} output
     */
    static RehearsalLeftovers of(Collection<String> names, String passwd) {
        Set<String> students = new TreeSet<>();
        names.stream().filter(StudentNames::isRehearsal).forEach(students::add);
        Set<String> unixOnly = new TreeSet<>();
        String prefix = UnixNames.unixName(StudentNames.REHEARSAL_PREFIX);
        passwd.lines()
                .map(l -> l.split(":", 2)[0])
                .filter(u -> u.startsWith(prefix))
                .filter(u ->
                        students.stream().noneMatch(n -> UnixNames.unixName(n).equals(u)))
                .forEach(unixOnly::add);
        return new RehearsalLeftovers(students, unixOnly);
    }

    boolean none() {
        return students.isEmpty() && unixUsersOnly.isEmpty();
    }

    /** The agent's own remove-student for the names it knows; userdel for a unix user no list names any more. */
    List<List<String>> fix() {
        List<List<String>> out = new ArrayList<>();
        if (!students.isEmpty()) {
            List<String> remove = new ArrayList<>(
                    List.of("java", "-jar", Layout.CURRENT_AGENT_JAR, "remove-student", "--delete-home", "--"));
            remove.addAll(students);
            out.add(remove);
        }
        unixUsersOnly.forEach(u -> out.add(List.of("userdel", "--remove", u)));
        return out;
    }

    /** The finding: ok, or the names and the fix. */
    Finding finding() {
        if (none()) {
            return Finding.ok("rehearsal", "no rehearsal student is left on the hub");
        }
        List<String> left = new ArrayList<>(students);
        left.addAll(unixUsersOnly);
        return Finding.problem(
                "rehearsal",
                "left by a rehearsal that did not finish: " + String.join(", ", left),
                "remove them with their homes (doctor --fix does, as does the next `littlehub rehearse`); the names"
                        + " are reserved for rehearsals, so no student's work goes. Not while a rehearsal runs",
                fix());
    }
}
