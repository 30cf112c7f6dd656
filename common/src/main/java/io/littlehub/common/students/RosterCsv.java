package io.littlehub.common.students;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A class roster as CSV, like a school system exports: a header line naming the columns — {@code name} (required),
 * {@code email} and {@code admin} (optional, any order, any case) — then one student a line. Fields may be quoted
 * ("Lovelace, Ada"). Every problem is reported with its line; names are checked by {@link StudentNames}.
 */
public final class RosterCsv {
    public record Entry(String name, String email, boolean admin, int line) {
    }

    public record Result(List<Entry> entries, List<String> problems) {
    }

    private static final Set<String> YES = Set.of("yes", "y", "true", "1", "x", "admin");
    private static final Set<String> NO = Set.of("no", "n", "false", "0", "");

    private RosterCsv() {
    }

    public static Result parse(String source, String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.replace("\uFEFF", "").split("\r?\n", -1);
        int header = -1;
        int nameCol = -1;
        int emailCol = -1;
        int adminCol = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            List<String> fields;
            try {
                fields = fields(lines[i]);
            } catch (IllegalArgumentException e) {
                problems.add(source + " line " + lineNo + ": " + e.getMessage());
                continue;
            }
            if (header < 0) {
                header = lineNo;
                for (int c = 0; c < fields.size(); c++) {
                    switch (fields.get(c).strip().toLowerCase(Locale.ROOT)) {
                        case "name", "username" -> nameCol = c;
                        case "email", "e-mail" -> emailCol = c;
                        case "admin" -> adminCol = c;
                        default -> { }
                    }
                }
                if (nameCol < 0) {
                    problems.add(source + " line " + lineNo + ": no name column: the first line must name the columns, like name,email,admin");
                    return new Result(List.of(), problems);
                }
                continue;
            }
            String rawName = field(fields, nameCol);
            String email = field(fields, emailCol).strip();
            String admin = field(fields, adminCol).strip().toLowerCase(Locale.ROOT);
            String name;
            try {
                name = StudentNames.normalize(rawName);
            } catch (IllegalArgumentException e) {
                problems.add(source + " line " + lineNo + ": " + e.getMessage());
                continue;
            }
            if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                problems.add(source + " line " + lineNo + ": \"" + email + "\" is not an e-mail address: leave it empty or write one like ada@school.example.org");
                continue;
            }
            if (!YES.contains(admin) && !NO.contains(admin)) {
                problems.add(source + " line " + lineNo + ": admin is \"" + admin + "\": write yes or no (or leave it empty)");
                continue;
            }
            entries.add(new Entry(name, email.isEmpty() ? null : email, YES.contains(admin), lineNo));
        }
        if (header < 0) {
            problems.add(source + ": the file is empty: write a header line (name,email,admin) and one student a line");
        }
        return new Result(entries, problems);
    }

    private static String field(List<String> fields, int col) {
        return col >= 0 && col < fields.size() ? fields.get(col) : "";
    }

    /** One CSV line's fields: commas separate, double quotes enclose, "" inside quotes is a quote. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.toString().isBlank()) {
                quoted = true;
                cur.setLength(0);
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed: end it with \"");
        }
        out.add(cur.toString());
        return out;
    }
}
