package io.littlehub.agent;

import java.util.Map;

/**
 * What the sign-in page tells people (templates/login.html): the course's name ({@code course.name}) and how signing
 * in works on this hub ({@code auth.login_hint}, or littlehub's own words for {@code auth.type}).
 */
public final class LoginGuidance {
    /** FirstUse's shortest password when {@code auth.min_password_length} is not set (the schema's default). */
    static final int FIRSTUSE_MIN_PASSWORD_LENGTH = 7;

    private LoginGuidance() {}

    /** {@code course}, {@code hint} ("" = nothing to say) and FirstUse's {@code min_password_length}. */
    static Map<String, Object> model(Map<String, Object> course, Map<String, Object> auth, boolean openSignup) {
        String name = course.get("name") instanceof String n ? n.strip() : "";
        return Map.of("course", name, "hint", hint(auth, openSignup), "min_password_length", minPasswordLength(auth));
    }

    static String hint(Map<String, Object> auth, boolean openSignup) {
        if (auth.get("login_hint") instanceof String own && !own.isBlank()) {
            return own.strip();
        }
        return switch (auth.get("type") instanceof String t ? t : "firstuse") {
            case "firstuse" ->
                openSignup
                        ? "First time here? Pick a user name and choose your password now: at least %d characters."
                                .formatted(minPasswordLength(auth))
                        : ("First time here? Choose your password now: at least %d characters. "
                                        + "Your teacher's roster decides who may sign in.")
                                .formatted(minPasswordLength(auth));
            case "shared-password" -> "Sign in with your user name and the class password your teacher gave you.";
            case "ldap" -> "Sign in with your school user name and password.";
            // OAuth types show a "Sign in with <provider>" button, which says it; native shows its own page.
            default -> "";
        };
    }

    static int minPasswordLength(Map<String, Object> auth) {
        return auth.get("min_password_length") instanceof Number n ? n.intValue() : FIRSTUSE_MIN_PASSWORD_LENGTH;
    }
}
