package io.littlehub.cli.hubs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code --hubs PATTERN}, with Ansible's {@code --limit} semantics: terms separated by {@code ,} (or {@code :});
 * each term is {@code all} (or {@code *}), a hub's name, a group, a glob ({@code stats*}, {@code ?}), a regular
 * expression ({@code ~stats\d+}) or a label ({@code course=stats101}). Plain terms add their hubs, {@code &TERM}
 * keeps only hubs also in TERM, {@code !TERM} takes hubs out. The hubs come in the inventory's order. Pure.
 */
public final class Selection {
    private Selection() {}

    /** The selected hubs' names; an {@link IllegalArgumentException} when the pattern is malformed or matches none. */
    public static List<String> select(Inventory inventory, String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("--hubs is empty: give all, a hub, a group, a pattern or a list");
        }
        Set<String> added = new LinkedHashSet<>();
        List<Set<String>> required = new ArrayList<>();
        Set<String> removed = new LinkedHashSet<>();
        for (String raw : pattern.split("[,:]")) {
            String term = raw.strip();
            if (term.isEmpty()) {
                continue;
            }
            if (term.startsWith("!")) {
                removed.addAll(matches(inventory, term.substring(1), pattern));
            } else if (term.startsWith("&")) {
                required.add(matches(inventory, term.substring(1), pattern));
            } else {
                added.addAll(matches(inventory, term, pattern));
            }
        }
        if (added.isEmpty() && !required.isEmpty()) {
            added.addAll(inventory.hubs().keySet());
        }
        List<String> selected = inventory.hubs().keySet().stream()
                .filter(added::contains)
                .filter(n -> required.stream().allMatch(r -> r.contains(n)))
                .filter(n -> !removed.contains(n))
                .toList();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("--hubs " + pattern + " matches no hub (hubs: "
                    + (inventory.hubs().isEmpty()
                            ? "none yet"
                            : String.join(", ", inventory.hubs().keySet()))
                    + (inventory.groups().isEmpty() ? "" : "; groups: " + String.join(", ", inventory.groups()))
                    + "); `littlehub hubs` lists them");
        }
        return selected;
    }

    private static Set<String> matches(Inventory inventory, String term, String pattern) {
        if (term.isEmpty()) {
            throw new IllegalArgumentException("--hubs " + pattern + ": a ! or & with nothing after it");
        }
        Set<String> found = new LinkedHashSet<>();
        if (term.equals("all") || term.equals("*")) {
            found.addAll(inventory.hubs().keySet());
            return found;
        }
        Pattern regex = term.startsWith("~") ? regex(term.substring(1), pattern) : null;
        Pattern glob = term.contains("*") || term.contains("?") ? glob(term) : null;
        int eq = term.indexOf('=');
        for (Hub hub : inventory.hubs().values()) {
            boolean match;
            if (regex != null) {
                match = regex.matcher(hub.name()).find();
            } else if (eq > 0) {
                match = term.substring(eq + 1).equals(hub.labels().get(term.substring(0, eq)));
            } else if (glob != null) {
                match = glob.matcher(hub.name()).matches()
                        || hub.groups().stream().anyMatch(g -> glob.matcher(g).matches());
            } else {
                match = hub.name().equals(term) || hub.groups().contains(term);
            }
            if (match) {
                found.add(hub.name());
            }
        }
        return found;
    }

    private static Pattern regex(String text, String pattern) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "--hubs " + pattern + ": ~" + text + " is not a regular expression (" + e.getDescription() + ")");
        }
    }

    private static Pattern glob(String term) {
        StringBuilder re = new StringBuilder();
        for (char c : term.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
