package io.littlehub.agent.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of a hub's scheduled archives, {@code <hub>-<yyyyMMdd-HHmmss>.tar} in UTC (so name order is time order),
 * and which of them a run deletes: the oldest beyond the number to keep. Pure: names in, names out; a file of any
 * other name (another hub's archive, a {@code .part} being written, the admin's own files) is never chosen.
 */
public final class Retention {
    /** The range of backup.keep (the config schema says the same; a test keeps them equal). */
    public static final int MIN_KEEP = 1;

    public static final int MAX_KEEP = 365;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Retention() {}

    /** The file name of {@code hub}'s archive made at {@code time}. */
    public static String archiveName(String hub, Instant time) {
        return filePart(hub) + "-" + STAMP.format(time) + ".tar";
    }

    /** {@code hub}'s archives among {@code names} that are not among the newest {@code keep}, oldest first. */
    public static List<String> surplus(Collection<String> names, String hub, int keep) {
        if (keep < MIN_KEEP) {
            throw new IllegalArgumentException("keep at least " + MIN_KEEP + " archive, not " + keep);
        }
        Pattern archive = Pattern.compile(Pattern.quote(filePart(hub)) + "-[0-9]{8}-[0-9]{6}\\.tar");
        List<String> archives = names.stream()
                .filter(n -> archive.matcher(n).matches())
                .sorted()
                .toList();
        return archives.subList(0, Math.max(0, archives.size() - keep));
    }

    /** The hub's name as part of a file name: anything but letters, digits, {@code .}, {@code _} and {@code -} becomes {@code _}. */
    static String filePart(String hub) {
        return hub.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
