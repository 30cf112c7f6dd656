package io.littlehub.cli.remote;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code logs --since WHEN} as journalctl reads it: a time span back from now ({@code 30m}, {@code 1h}, {@code 2d} →
 * {@code -30m}, {@code -1h}, {@code -2d}) or an ISO date or date and time ({@code 2025-03-01}, {@code 2025-03-01T14:30}
 * → {@code 2025-03-01 14:30:00}: systemd 252 does not read the {@code T}). Anything else is refused before the VM is
 * asked: journalctl reads many more forms, and some ("yesterday", "today") mean something else in the VM's time zone.
 */
public final class JournalSince {
    private static final Pattern SPAN = Pattern.compile("([1-9][0-9]{0,5})([mhd])");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter JOURNAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private JournalSince() {}

    /** The value for journalctl's {@code --since}; IllegalArgumentException naming the accepted forms otherwise. */
    public static String parse(String typed) {
        String s = typed.strip();
        Matcher span = SPAN.matcher(s);
        if (span.matches()) {
            return "-" + span.group(1) + span.group(2);
        }
        try {
            if (DATE.matcher(s).matches()) {
                return LocalDate.parse(s).atStartOfDay().format(JOURNAL);
            }
            return LocalDateTime.parse(s.replace(' ', 'T')).format(JOURNAL);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--since \"" + typed + "\" is not a time littlehub reads: use minutes, hours or"
                            + " days back (30m, 1h, 2d) or a date, optionally with a time, on the VM's clock (2025-03-01, 2025-03-01T14:30)");
        }
    }
}
