package io.littlehub.common.students;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What a password set by the teacher (an admin's, or one issued to a student) must be: long enough, at most 72 bytes
 * (bcrypt ignores the rest), one line of printable characters. The laptop checks it before anything changes; the agent
 * checks it again.
 */
public final class PasswordRule {
    /** The least length littlehub accepts for a password it sets, whatever {@code auth.min_password_length} says. */
    public static final int MIN_LENGTH = 8;

    public static final int MAX_BYTES = 72;

    private PasswordRule() {}

    /**
     * The minimum on a hub whose config ({@code HubConfig.load}) is {@code config}: {@link #MIN_LENGTH}, or its
     * {@code auth.min_password_length} when that is more.
     */
    public static int minimum(Map<String, Object> config) {
        return config.get("auth") instanceof Map<?, ?> auth && auth.get("min_password_length") instanceof Number n
                ? Math.max(MIN_LENGTH, n.intValue())
                : MIN_LENGTH;
    }

    /** Why {@code password} cannot be used (naming the fix), or empty when it can. */
    public static Optional<String> problem(String password, int minimum) {
        if (password.isEmpty()) {
            return Optional.of("the password is empty: give one of at least " + minimum + " characters");
        }
        if (password.codePointCount(0, password.length()) < minimum) {
            return Optional.of("the password is too short: use at least " + minimum + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("the password is longer than " + MAX_BYTES
                    + " bytes, and bcrypt would ignore the rest: use a shorter one");
        }
        if (password.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of(
                    "the password holds a control character (a tab or line break?): use printable characters only");
        }
        return Optional.empty();
    }
}
