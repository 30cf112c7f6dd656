package io.littlehub.agent.status;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The newest scheduled backup among a folder's files: archives are named {@code <hub>-<yyyyMMdd-HHmmss>.tar} (UTC,
 * see backup/Retention), so the time is read from the name; anything else there (a {@code .part} being written, an
 * admin's own file) is not an archive. Pure.
 */
public final class BackupArchives {
    private static final Pattern ARCHIVE = Pattern.compile(".+-([0-9]{8}-[0-9]{6})\\.tar");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private BackupArchives() {}

    /** @param sizes file name → size in bytes; null when no file is an archive */
    public static HubStatus.Backup newest(Map<String, Long> sizes) {
        record Archive(String name, LocalDateTime time) {}
        return sizes.keySet().stream()
                .map(name -> {
                    Matcher m = ARCHIVE.matcher(name);
                    return m.matches() ? new Archive(name, LocalDateTime.parse(m.group(1), STAMP)) : null;
                })
                .filter(a -> a != null)
                .max(Comparator.comparing(Archive::time).thenComparing(Archive::name))
                .map(a -> new HubStatus.Backup(
                        a.name(), a.time().toInstant(ZoneOffset.UTC).toString(), sizes.get(a.name())))
                .orElse(null);
    }
}
