package io.littlehub.agent.course;

import io.littlehub.common.machine.Machine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code course status}: per assignment of the course folder's {@code source/}, whether it is released (in the
 * exchange's {@code outbound/}), who handed it in (the exchange's {@code inbound/}, named
 * {@code student+assignment+time[+random]} by nbgrader), how many were collected ({@code submitted/}) and
 * autograded ({@code autograded/}), and how many hand-ins have no grade yet.
 */
public final class CourseStatus {
    /** One assignment's line. */
    public record Assignment(
            String name, boolean released, int submitted, int collected, int autograded, int ungraded) {}

    private CourseStatus() {}

    public static List<Assignment> gather(Machine machine, String courseDir, String exchangeCourse) {
        Set<String> names = new TreeSet<>(machine.list(courseDir + "/source"));
        Set<String> released = new LinkedHashSet<>(machine.list(exchangeCourse + "/outbound"));
        names.addAll(released);
        List<String> inbound = machine.list(exchangeCourse + "/inbound");
        List<Assignment> out = new ArrayList<>();
        for (String name : names) {
            Set<String> handedIn = new TreeSet<>();
            for (String entry : inbound) {
                String[] parts = entry.split("\\+", -1);
                if (parts.length >= 3 && parts[1].equals(name)) {
                    handedIn.add(parts[0]);
                }
            }
            int collected =
                    studentsWith(machine, courseDir + "/submitted", name).size();
            Set<String> graded = studentsWith(machine, courseDir + "/autograded", name);
            int ungraded =
                    (int) handedIn.stream().filter(s -> !graded.contains(s)).count();
            out.add(new Assignment(name, released.contains(name), handedIn.size(), collected, graded.size(), ungraded));
        }
        return out;
    }

    private static Set<String> studentsWith(Machine machine, String byStudent, String assignment) {
        Set<String> students = new TreeSet<>();
        for (String student : machine.list(byStudent)) {
            if (machine.stat(byStudent + "/" + student + "/" + assignment).isPresent()) {
                students.add(student);
            }
        }
        return students;
    }

    /** The report: a header naming the course, one line per assignment. */
    public static List<String> lines(String courseId, List<Assignment> assignments) {
        List<String> out = new ArrayList<>();
        out.add("course " + courseId + ": " + assignments.size() + " assignment"
                + (assignments.size() == 1 ? "" : "s"));
        if (!assignments.isEmpty()) {
            out.add(String.format(
                    "  %-20s %-9s %9s %9s %10s %8s",
                    "ASSIGNMENT", "RELEASED", "HANDED IN", "COLLECTED", "AUTOGRADED", "UNGRADED"));
        }
        for (Assignment a : assignments) {
            out.add(String.format(
                    "  %-20s %-9s %9d %9d %10d %8d",
                    a.name(), a.released() ? "yes" : "no", a.submitted(), a.collected(), a.autograded(), a.ungraded()));
        }
        return out;
    }
}
