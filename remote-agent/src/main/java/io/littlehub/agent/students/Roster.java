package io.littlehub.agent.students;

import io.littlehub.common.config.DidYouMean;
import io.littlehub.common.config.HubConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roster as the hub config says it (the file over the defaults): who is a student, an admin, banned, and the
 * temporary students of a rehearsal running (users.rehearsal: let in like students, never warmed as the class).
 */
public record Roster(
        Set<String> students,
        Set<String> admins,
        Set<String> rehearsal,
        Set<String> banned,
        Map<String, Object> emails,
        String authType,
        boolean openSignup,
        String baseUrl) {

    public static Roster of(String configText) {
        Map<String, Object> config = HubConfig.load(configText);
        Map<String, Object> users = section(config, "users");
        Map<String, Object> auth = section(config, "auth");
        return new Roster(
                names(users.get("allowed")),
                names(users.get("admin")),
                names(users.get("rehearsal")),
                names(users.get("banned")),
                section(users, "emails"),
                String.valueOf(auth.getOrDefault("type", "firstuse")),
                Boolean.TRUE.equals(users.get("open_signup")),
                String.valueOf(config.getOrDefault("base_url", "/")));
    }

    /** Students, admins and rehearsal students: everyone the config lets in by name. */
    public Set<String> everyone() {
        Set<String> all = new LinkedHashSet<>(students);
        all.addAll(admins);
        all.addAll(rehearsal);
        return all;
    }

    /** The sentence for a name that is not among {@code known}, with the nearest known name when there is one. */
    public static String unknown(String name, Set<String> known, String what) {
        return name + " is not " + what
                + DidYouMean.closest(name, known)
                        .map(n -> ": did you mean " + n + "?")
                        .orElse("") + " (`littlehub students` lists them)";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String key) {
        return parent.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Set<String> names(Object list) {
        Set<String> out = new LinkedHashSet<>();
        if (list instanceof List<?> l) {
            l.forEach(n -> out.add(String.valueOf(n)));
        }
        return out;
    }
}
