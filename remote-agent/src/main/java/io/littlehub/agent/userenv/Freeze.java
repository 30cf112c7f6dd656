package io.littlehub.agent.userenv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code pip freeze --all} of the users' environment: one requirement line per installed package, by normalized
 * name. Comment lines (the record keeps {@code pip check} problems as comments) and blank lines are left out.
 */
public record Freeze(Map<String, String> lines) {
    private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern EGG = Pattern.compile("[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)");

    public static Freeze parse(String text) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher egg = EGG.matcher(line);
            Matcher name = NAME.matcher(line);
            String key = line.startsWith("-") ? (egg.find() ? egg.group(1) : line) : name.find() ? name.group(1) : line;
            lines.put(Requirement.normalize(key), line);
        }
        return new Freeze(lines);
    }

    public boolean has(String normalizedName) {
        return lines.containsKey(normalizedName);
    }

    /** The requirements text for {@code pip install -r}. */
    public String text() {
        return lines.isEmpty() ? "" : String.join("\n", lines.values()) + "\n";
    }

    /** What a rollback uninstalls: the packages here that {@code before} did not have. */
    public List<String> addedSince(Freeze before) {
        return lines.keySet().stream()
                .filter(n -> !before.lines.containsKey(n))
                .sorted()
                .toList();
    }

    public boolean sameAs(Freeze other) {
        return lines.equals(other.lines);
    }

    /**
     * What changed since {@code before}, for the history and the report: {@code +requests==2.32.3, -six,
     * numpy==1.26.4 → numpy==2.1.0}, at most {@code max} items and then how many more.
     */
    public String changesSince(Freeze before, int max) {
        List<String> items = new ArrayList<>();
        lines.forEach((n, line) -> {
            String old = before.lines.get(n);
            if (old == null) {
                items.add("+" + line);
            } else if (!old.equals(line)) {
                items.add(old + " → " + line);
            }
        });
        before.lines.keySet().stream().filter(n -> !lines.containsKey(n)).forEach(n -> items.add("-" + n));
        if (items.isEmpty()) {
            return "no change";
        }
        return items.size() <= max
                ? String.join(", ", items)
                : String.join(", ", items.subList(0, max)) + " and " + (items.size() - max) + " more";
    }
}
