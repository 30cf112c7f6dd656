package io.littlehub.common.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of {@code course} and {@code users.groups} that relate keys: nbgrader needs a course id, and instructors
 * and group members must be people on the roster (users.admin or users.allowed), or they could never sign in.
 */
final class CourseChecks {
    private CourseChecks() {}

    static List<ConfigProblem> check(YamlNode doc) {
        List<ConfigProblem> out = new ArrayList<>();
        YamlNode users = CrossChecks.child(doc, "users");
        Set<String> roster = new LinkedHashSet<>(CrossChecks.names(CrossChecks.child(users, "admin")));
        roster.addAll(CrossChecks.names(CrossChecks.child(users, "allowed")));
        YamlNode course = CrossChecks.child(doc, "course");
        if (CrossChecks.child(CrossChecks.child(course, "nbgrader"), "enabled") instanceof YamlNode.Scalar on
                && Boolean.TRUE.equals(on.value())
                && CrossChecks.text(course, "id") == null) {
            out.add(new ConfigProblem(
                    "course.id",
                    on.line(),
                    "is needed when course.nbgrader.enabled is true: name the course, like"
                            + " `littlehub config set course.id data101`"));
        }
        onRoster(CrossChecks.child(course, "instructors"), "course.instructors", roster, out);
        if (CrossChecks.child(users, "groups") instanceof YamlNode.Mapping groups) {
            groups.entries()
                    .forEach((name, group) -> onRoster(
                            CrossChecks.child(group.value(), "members"),
                            "users.groups." + name + ".members",
                            roster,
                            out));
        }
        return out;
    }

    private static void onRoster(YamlNode list, String key, Set<String> roster, List<ConfigProblem> out) {
        if (list instanceof YamlNode.Sequence s) {
            for (YamlNode item : s.items()) {
                if (item instanceof YamlNode.Scalar sc && sc.value() instanceof String name && !roster.contains(name)) {
                    out.add(new ConfigProblem(
                            key,
                            sc.line(),
                            ValueWords.quote(name) + " is not on the roster (users.admin or users.allowed): add them"
                                    + " with `littlehub add-student " + name + "`, or remove " + name + " from "
                                    + key));
                }
            }
        }
    }
}
