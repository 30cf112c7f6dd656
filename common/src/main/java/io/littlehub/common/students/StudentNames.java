package io.littlehub.common.students;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what a teacher typed into a hub user name, or says exactly why it cannot be one. Names are normalized as
 * JupyterHub does (lowercase); what remains may use a-z, 0-9, ".", "_", "@" and "-", starts with a letter or digit and
 * is at most 64 characters (the schema's username pattern and the hub's username_pattern say the same). Anything else
 * — spaces, shell characters, slashes, look-alike letters from other alphabets — is refused with the characters named,
 * never rewritten: a silently changed name would be a different student. A person's name written with accents or
 * spaces gets a suggestion ({@code José Núñez} → {@code jose.nunez}) that only the teacher may accept.
 */
public final class StudentNames {
    public static final int MAX_LENGTH = 64;
    /** The names of {@code littlehub rehearse}'s temporary students (users.rehearsal); no real student's. */
    public static final String REHEARSAL_PREFIX = "rehearsal-";

    private static final String APOSTROPHES = "'\u2019\u02bc";
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Latin letters that NFD does not take apart. */
    private static final Map<Integer, String> SPELLED = Map.of(
            (int) 'ß', "ss", (int) 'æ', "ae", (int) 'œ', "oe", (int) 'ø', "o", (int) 'ł', "l", (int) 'đ', "d",
            (int) 'ð', "d", (int) 'þ', "th", (int) 'ı', "i");

    private StudentNames() {}

    /** The hub user name for {@code typed}; IllegalArgumentException with the problem and the fix otherwise. */
    public static String normalize(String typed) {
        String name = typed.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an empty user name: give each student a name, like ada or student-07");
        }
        Set<String> bad = new LinkedHashSet<>();
        // ASCII first: the Kelvin sign and a dotted capital I lowercase to ASCII k and i.
        name.codePoints()
                .filter(c -> c >= 0x80 || !allowed(Character.toLowerCase(c)))
                .forEach(c -> bad.add(describe(c)));
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(
                    quote(typed) + " is not a user name: it contains " + String.join(", ", bad)
                            + "; use only letters a-z, digits, \".\", \"_\", \"@\" and \"-\", like ada.lovelace or student-07"
                            + suggest(typed).map(n -> "; suggested: " + n).orElse(""));
        }
        name = name.toLowerCase(Locale.ROOT);
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(quote(shorten(typed)) + " is " + name.length()
                    + " characters long: a user name has at most " + MAX_LENGTH + "; use a shorter one");
        }
        if (!Character.isLetterOrDigit(name.charAt(0))) {
            throw new IllegalArgumentException(
                    quote(typed) + " is not a user name: it must start with a letter or a digit");
        }
        return name;
    }

    /** A name only {@code littlehub rehearse}'s temporary students may have. */
    public static boolean isRehearsal(String name) {
        return name.startsWith(REHEARSAL_PREFIX);
    }

    /** Why {@code name} cannot be a real student's, and the fix. */
    public static String reserved(String name) {
        return name + ": names starting with \"" + REHEARSAL_PREFIX + "\" are reserved for the temporary students of"
                + " `littlehub rehearse`; give the student another name, like "
                + name.substring(REHEARSAL_PREFIX.length());
    }

    /**
     * A safe name for a person's name that is not one: Latin letters without their accents (NFD, marks dropped; ß, æ,
     * ø… spelled out), spaces as ".", apostrophes dropped. Empty when anything else is in it (other alphabets, shell
     * characters, look-alike signs such as the Kelvin sign): those are no names to guess at.
     */
    public static Optional<String> suggest(String typed) {
        StringBuilder out = new StringBuilder();
        for (int c : typed.strip().codePoints().toArray()) {
            String lower = Character.toString(c).toLowerCase(Locale.ROOT);
            if (c < 0x80 && allowed(lower.charAt(0))) {
                out.append(lower);
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                out.append('.');
            } else if (Character.isLetter(c)
                    && Objects.toString(Character.getName(c)).startsWith("LATIN ")) {
                String plain = SPELLED.getOrDefault(
                        lower.codePointAt(0),
                        MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD))
                                .replaceAll(""));
                if (!plain.chars().allMatch(StudentNames::allowed)) {
                    return Optional.empty();
                }
                out.append(plain);
            } else if (APOSTROPHES.indexOf(c) < 0 && Character.getType(c) != Character.NON_SPACING_MARK) {
                return Optional.empty();
            }
        }
        String name = out.toString().replaceAll("\\.{2,}", ".").replaceAll("^[._@-]+|[._@-]+$", "");
        try {
            return name.isEmpty() ? Optional.empty() : Optional.of(normalize(name));
        } catch (IllegalArgumentException tooLong) {
            return Optional.empty();
        }
    }

    private static boolean allowed(int c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '@' || c == '-';
    }

    private static String describe(int c) {
        if (c == ' ') {
            return "a space";
        }
        if (Character.isISOControl(c)) {
            return String.format("a control character (U+%04X)", c);
        }
        String glyph = "\"" + new String(Character.toChars(c)) + "\"";
        return c < 0x80 ? glyph : String.format("%s (U+%04X %s)", glyph, c, Character.getName(c));
    }

    private static String quote(String s) {
        return "\""
                + s.codePoints()
                        .mapToObj(c -> Character.isISOControl(c)
                                ? String.format("\\u%04x", c)
                                : new String(Character.toChars(c)))
                        .collect(Collectors.joining())
                + "\"";
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 32) + "…";
    }
}
