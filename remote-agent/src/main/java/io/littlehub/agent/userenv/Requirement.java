package io.littlehub.agent.userenv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One package argument of {@code env install|remove}, checked before anything runs: a PyPI name, optional extras and
 * an optional version specifier ({@code numpy}, {@code pandas[excel]}, {@code numpy==2.1}, {@code scipy>=1.11,<2}).
 * Nothing that pip would read as an option (anything starting with {@code -}), no URLs, paths, direct references
 * ({@code name @ url}) or environment markers: the argument reaches pip as one argv element and can only mean a
 * package from the index.
 */
public record Requirement(String name, String text) {
    private static final String NAME = "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?";
    private static final String OP = "(?:===|==|!=|~=|<=|>=|<|>)";
    private static final String VERSION = "[A-Za-z0-9*+!._-]+";
    private static final String SPEC = OP + "\\s*" + VERSION + "(?:\\s*,\\s*" + OP + "\\s*" + VERSION + ")*";
    private static final Pattern REQUIREMENT = Pattern.compile(
            "(" + NAME + ")\\s*(\\[\\s*" + NAME + "(?:\\s*,\\s*" + NAME + ")*\\s*\\])?\\s*(" + SPEC + ")?");
    private static final Pattern BARE_NAME = Pattern.compile(NAME);
    private static final String EXAMPLES = "like numpy, pandas[excel], numpy==2.1 or 'scipy>=1.11,<2'";

    /** PyPI names compare case-insensitively with runs of '-', '_' and '.' as one (PEP 503). */
    public static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /** The requirement, or an IllegalArgumentException naming the argument and what to type instead. */
    public static Requirement parse(String typed) {
        String t = typed.strip();
        String shown = "\"" + typed + "\"";
        if (t.isEmpty()) {
            throw new IllegalArgumentException(shown + ": an empty package name; name a package " + EXAMPLES);
        }
        if (t.startsWith("-")) {
            throw new IllegalArgumentException(shown + ": pip options are not accepted, only packages from PyPI "
                    + EXAMPLES + " (to add a package index, ask in a terminal with pip itself)");
        }
        if (t.contains("@")) {
            throw new IllegalArgumentException(
                    shown + ": direct references (NAME @ URL) are not accepted, only packages from PyPI " + EXAMPLES);
        }
        if (t.contains("://") || t.contains("/") || t.contains("\\") || t.startsWith(".") || t.startsWith("~")) {
            throw new IllegalArgumentException(
                    shown + ": URLs and paths are not accepted, only packages from PyPI " + EXAMPLES);
        }
        if (t.contains(";")) {
            throw new IllegalArgumentException(
                    shown + ": environment markers (after ;) are not accepted: name the package " + EXAMPLES);
        }
        Matcher m = REQUIREMENT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    shown + ": not a package requirement: use a name with optional [extras] and version, " + EXAMPLES);
        }
        return new Requirement(normalize(m.group(1)), t);
    }

    /** A name to remove: no version or extras, and not one the hub needs ({@code kept}: normalized names). */
    public static Requirement parseRemovable(String typed, Collection<String> kept) {
        Requirement r = parse(typed);
        if (!BARE_NAME.matcher(r.text()).matches()) {
            throw new IllegalArgumentException(
                    "\"" + typed + "\": remove takes package names only, without version or extras: " + r.name());
        }
        if (kept.contains(r.name())) {
            throw new IllegalArgumentException(
                    "\"" + typed + "\": the hub needs " + r.name() + " in the users' environment (every user's"
                            + " server runs on it), so it cannot be removed; to change its version: env install "
                            + r.name() + "==VERSION");
        }
        return r;
    }

    /** Every argument checked; all problems are reported together and none is returned when one is bad. */
    public static List<Requirement> parseAll(
            List<String> typed, Collection<String> keptForRemove, boolean remove, List<String> problems) {
        List<Requirement> out = new ArrayList<>();
        for (String t : typed) {
            try {
                Requirement r = remove ? parseRemovable(t, keptForRemove) : parse(t);
                if (out.stream().noneMatch(o -> o.text().equals(r.text()))) {
                    out.add(r);
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (typed.isEmpty()) {
            problems.add("name at least one package, " + EXAMPLES);
        }
        return problems.isEmpty() ? out : List.of();
    }
}
