package io.littlehub.agent.course;

import io.littlehub.common.students.UnixNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course's teaching setup as the playbook and the hub config see it ({@code teaching} in the model): nbgrader's
 * course (id, exchange, the instructors' shared course folder) and {@code users.groups}. Each is a unix group whose
 * members follow the config: the playbook sets the members that exist, the hub's pre-spawn hook each user's own at
 * every server start (so a removed member loses access at their next start; a running server keeps its groups).
 */
public final class Teaching {
    /** nbgrader's exchange: everyone writes (sticky, as nbgrader's docs ask); nbgrader makes each course's folders. */
    public static final String EXCHANGE = "/srv/nbgrader/exchange";
    /** The instructors' course folders: {@code COURSES/<course.id>}, linked as {@code ~/<course.id>} into their homes. */
    public static final String COURSES = "/srv/nbgrader/courses";

    public static final String INSTRUCTORS_GROUP = "littlehub-instructors";
    /** A server's extra Jupyter config path for instructors: the formgrader and course list on, the course's root. */
    public static final String INSTRUCTOR_CONFIG = "/etc/littlehub/jupyter-instructor";
    /** users.groups: {@code GROUPS/<name>} when shared_folder, linked as {@code ~/groups/<name>}. */
    public static final String GROUPS = "/srv/groups";

    public static final String GROUP_PREFIX = "littlehub-group-";

    private Teaching() {}

    /** The model's {@code teaching} entry for a config laid over the defaults. */
    public static Map<String, Object> model(Map<String, Object> config) {
        Map<String, Object> users = section(config, "users");
        Map<String, Object> course = section(config, "course");
        boolean nbgrader = Boolean.TRUE.equals(section(course, "nbgrader").get("enabled"));
        String id = course.get("id") instanceof String s ? s : "";
        List<String> instructors = names(course.get("instructors"));
        if (instructors.isEmpty()) {
            instructors = names(users.get("admin"));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nbgrader", nbgrader);
        m.put("course_id", id);
        m.put("exchange", EXCHANGE);
        m.put("courses", COURSES);
        m.put("course_dir", COURSES + "/" + id);
        m.put("instructor_config", INSTRUCTOR_CONFIG);
        m.put("groups_dir", GROUPS);
        m.put("instructors_group", INSTRUCTORS_GROUP);
        List<Map<String, Object>> groups = new ArrayList<>();
        if (nbgrader) {
            groups.add(group(INSTRUCTORS_GROUP, instructors, COURSES + "/" + id, id));
        }
        if (users.get("groups") instanceof Map<?, ?> named) {
            named.forEach((name, entry) -> {
                Map<?, ?> g = entry instanceof Map<?, ?> e ? e : Map.of();
                boolean shared = Boolean.TRUE.equals(g.get("shared_folder"));
                groups.add(group(
                        GROUP_PREFIX + name,
                        names(g.get("members")),
                        shared ? GROUPS + "/" + name : "",
                        shared ? "groups/" + name : ""));
            });
        }
        m.put("groups", groups);
        return m;
    }

    /** A unix group, its hub members and their unix users, its folder ("" = none) and the link in members' homes. */
    private static Map<String, Object> group(String unixGroup, List<String> members, String folder, String link) {
        return Map.of(
                "unix_group",
                unixGroup,
                "members",
                members,
                "unix_members",
                members.stream().map(UnixNames::unixName).toList(),
                "folder",
                folder,
                "link",
                link);
    }

    private static List<String> names(Object list) {
        return list instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String key) {
        return parent.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
