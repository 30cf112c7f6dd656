package io.littlehub.common.students;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns what a teacher typed into a hub user name, or says exactly why it cannot be one. Names are normalized as
 * JupyterHub does (lowercase); what remains may use a-z, 0-9, ".", "_", "@" and "-", starts with a letter or digit and
 * is at most 64 characters (the schema's username pattern and the hub's username_pattern say the same). Anything else
 * — spaces, shell characters, slashes, look-alike letters from other alphabets — is refused with the characters named,
 * never rewritten: a silently changed name would be a different student.
 */
public final class StudentNames {
    public static final int MAX_LENGTH = 64;

    private StudentNames() {
    }

    /** The hub user name for {@code typed}; IllegalArgumentException with the problem and the fix otherwise. */
    public static String normalize(String typed) {
        String name = typed.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an empty user name: give each student a name, like ada or student-07");
        }
        Set<String> bad = new LinkedHashSet<>();
        // ASCII first: the Kelvin sign and a dotted capital I lowercase to ASCII k and i.
        name.codePoints().filter(c -> c >= 0x80 || !allowed(Character.toLowerCase(c))).forEach(c -> bad.add(describe(c)));
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(quote(typed) + " is not a user name: it contains " + String.join(", ", bad)
                    + "; use only letters a-z, digits, \".\", \"_\", \"@\" and \"-\", like ada.lovelace or student-07");
        }
        name = name.toLowerCase(Locale.ROOT);
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(quote(shorten(typed)) + " is " + name.length() + " characters long: a user name has at most "
                    + MAX_LENGTH + "; use a shorter one");
        }
        if (!Character.isLetterOrDigit(name.charAt(0))) {
            throw new IllegalArgumentException(quote(typed) + " is not a user name: it must start with a letter or a digit");
        }
        return name;
    }

    private static boolean allowed(int c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '@' || c == '-';
    }

    private static String describe(int c) {
        if (c == ' ') {
            return "a space";
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format("a control character (U+%04X)", c);
        }
        String glyph = "\"" + new String(Character.toChars(c)) + "\"";
        return c < 0x80 ? glyph : String.format("%s (U+%04X %s)", glyph, c, Character.getName(c));
    }

    private static String quote(String s) {
        return "\"" + s.codePoints().mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : new String(Character.toChars(c)))
                .collect(Collectors.joining()) + "\"";
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 32) + "…";
    }
}
