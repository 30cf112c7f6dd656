package io.littlehub.common.students;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A class roster as CSV, as school systems and spreadsheets export it: a header line naming the columns —
 * {@code name} (required), {@code email} and {@code admin} (optional, any order, any case) — then one student a
 * record. The separator is the header line's: {@code ,} {@code ;} (Excel where the decimal mark is a comma) or
 * tab; fields may be quoted, over several lines too (commons-csv reads RFC 4180 and Excel's dialect). Every problem
 * names its line; names are checked by {@link StudentNames}, and a person's name that is no user name
 * ({@code José Núñez}) is used as its suggestion ({@code jose.nunez}) only when the teacher accepts suggestions, and
 * said so in a note.
 */
public final class RosterCsv {
    public record Entry(String name, String email, boolean admin, int line) {}

    /** {@code notes}: what the teacher should read even without problems (a guessed encoding, suggestions taken). */
    public record Result(List<Entry> entries, List<String> problems, List<String> notes) {}

    private static final Set<String> YES = Set.of("yes", "y", "true", "1", "x", "admin");
    private static final Set<String> NO = Set.of("no", "n", "false", "0", "");
    private static final String SEPARATORS = ",;\t";

    private RosterCsv() {}

    /** The file's bytes in {@code encoding}, or in the one {@link RosterEncoding} detects when that is null. */
    public static Result read(String source, byte[] bytes, Charset encoding, boolean acceptSuggestions) {
        RosterEncoding.Decoded decoded = RosterEncoding.decode(source, bytes, encoding);
        if (decoded.problem() != null) {
            return new Result(List.of(), List.of(decoded.problem()), List.of());
        }
        Result parsed = parse(source, decoded.text(), acceptSuggestions);
        if (!decoded.guessed()) {
            return parsed;
        }
        List<String> notes = new ArrayList<>();
        notes.add(source + " is not UTF-8: read as Windows-1252 (Excel's CSV on Windows); if a name looks wrong,"
                + " name its encoding with --encoding");
        notes.addAll(parsed.notes());
        return new Result(parsed.entries(), parsed.problems(), notes);
    }

    public static Result parse(String source, String text, boolean acceptSuggestions) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Integer> lineOfName = new HashMap<>();
        Set<String> suggestedNames = new HashSet<>();
        int suggested = 0;
        Columns columns = null;
        LineIndex lines = new LineIndex(text);
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(separator(text))
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                long linesRead = parser.getCurrentLineNumber();
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    // The rest of the file cannot be read as records after this (an open quote takes it all).
                    problems.add(source + " line " + lines.filledFrom(linesRead + 1) + ": " + malformed(e));
                    break;
                }
                int line = lines.filledFrom(lines.lineOf(record.getCharacterPosition()));
                List<String> fields = record.stream().map(String::strip).toList();
                if (fields.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                String at = source + " line " + line + ": ";
                if (columns == null) {
                    columns = Columns.of(fields);
                    if (columns.name() < 0) {
                        problems.add(at + "no name column: the first line must name the columns, like name,email,admin"
                                + " (it names " + String.join(", ", fields) + ")");
                        return new Result(List.of(), problems, List.of());
                    }
                    continue;
                }
                String typed = field(fields, columns.name());
                String email = field(fields, columns.email());
                String admin = field(fields, columns.admin()).toLowerCase(Locale.ROOT);
                String name;
                boolean fromSuggestion = false;
                try {
                    name = StudentNames.normalize(typed);
                } catch (IllegalArgumentException e) {
                    Optional<String> suggestion = StudentNames.suggest(typed);
                    if (!acceptSuggestions || suggestion.isEmpty()) {
                        suggested += suggestion.isPresent() ? 1 : 0;
                        problems.add(at + e.getMessage());
                        continue;
                    }
                    name = suggestion.get();
                    fromSuggestion = true;
                    notes.add(at + "\"" + typed + "\" is " + name + " (suggested, accepted)");
                }
                // The same name twice is one student; a suggestion equal to another line's name may be two people.
                Integer other = lineOfName.get(name);
                if (other != null && (fromSuggestion || suggestedNames.contains(name))) {
                    problems.add(at + "\"" + typed + "\" would be " + name + ", like line " + other
                            + ": write another name for one of them in the file");
                    continue;
                }
                if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    problems.add(at + "\"" + email + "\" is not an e-mail address: leave it empty or write one like"
                            + " ada@school.example.org");
                    continue;
                }
                if (!YES.contains(admin) && !NO.contains(admin)) {
                    problems.add(at + "admin is \"" + admin + "\": write yes or no (or leave it empty)");
                    continue;
                }
                lineOfName.putIfAbsent(name, line);
                if (fromSuggestion) {
                    suggestedNames.add(name);
                }
                entries.add(new Entry(name, email.isEmpty() ? null : email, YES.contains(admin), line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String has no I/O to fail
        }
        if (columns == null) {
            problems.add(source + ": the file is empty: write a header line (name,email,admin) and one student a line");
        }
        if (suggested > 0) {
            problems.add(source + ": " + suggested + (suggested == 1 ? " name has" : " names have")
                    + " a suggested user name: to use them, run again with --accept-suggestions;"
                    + " or write the names you want in the file");
        }
        return new Result(entries, problems, notes);
    }

    /** Where the columns are (-1: none), from the header record. */
    private record Columns(int name, int email, int admin) {
        static Columns of(List<String> header) {
            int name = -1;
            int email = -1;
            int admin = -1;
            for (int c = 0; c < header.size(); c++) {
                switch (header.get(c).toLowerCase(Locale.ROOT)) {
                    case "name", "username" -> name = c;
                    case "email", "e-mail" -> email = c;
                    case "admin" -> admin = c;
                    default -> {}
                }
            }
            return new Columns(name, email, admin);
        }
    }

    /** The header line's separator: whichever of , ; tab it has most of outside quotes (a one-column file: ","). */
    static char separator(String text) {
        int[] counts = new int[SEPARATORS.length()];
        boolean quoted = false;
        String firstLine = text.strip().lines().findFirst().orElse("");
        for (char c : firstLine.toCharArray()) {
            quoted ^= c == '"';
            if (!quoted && SEPARATORS.indexOf(c) >= 0) {
                counts[SEPARATORS.indexOf(c)]++;
            }
        }
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            best = counts[i] > counts[best] ? i : best;
        }
        return SEPARATORS.charAt(best);
    }

    private static String malformed(RuntimeException e) {
        String message = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        return message.contains("EOF")
                ? "a quoted field is not closed: end it with \""
                : "text after a closing quote: quote the whole field, and write a quote inside one as \"\"";
    }

    private static String field(List<String> fields, int col) {
        return col >= 0 && col < fields.size() ? fields.get(col) : "";
    }

    /** Line numbers of character offsets; a record's line skips the empty lines the parser skips before it. */
    private static final class LineIndex {
        private final List<Integer> starts = new ArrayList<>();
        private final String text;

        LineIndex(String text) {
            this.text = text;
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                    starts.add(i + 1);
                }
            }
        }

        /** The 1-based line of a character offset. */
        long lineOf(long offset) {
            int low = 0;
            int high = starts.size() - 1;
            while (low < high) {
                int mid = (low + high + 1) / 2;
                if (starts.get(mid) <= offset) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return low + 1;
        }

        /** The first line from {@code line} on that is not empty (or the last line). */
        int filledFrom(long line) {
            int index = (int) line - 1;
            while (index + 1 < starts.size() && isEmpty(index)) {
                index++;
            }
            return index + 1;
        }

        private boolean isEmpty(int index) {
            int start = starts.get(index);
            return start >= text.length() || text.charAt(start) == '\n' || text.charAt(start) == '\r';
        }
    }
}
