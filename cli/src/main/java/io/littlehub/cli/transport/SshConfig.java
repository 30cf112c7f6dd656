package io.littlehub.cli.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An OpenSSH client configuration (~/.ssh/config), read the way OpenSSH reads it: lines before the first
 * {@code Host} apply to every host; a {@code Host} line starts a block that applies when one of its patterns
 * matches the name typed (see {@link HostPatterns}); for each keyword the first value found wins, except
 * {@code IdentityFile}, which collects every value in order. {@code Match all} applies to every host; other
 * {@code Match} criteria are not evaluated (their block is skipped, with a warning). {@code Include} reads other
 * files through {@link Includes}.
 */
public final class SshConfig {
    /** Loads the files an {@code Include} argument names (already with ~ expanded), in order. */
    @FunctionalInterface
    public interface Includes {
        List<String> load(String pattern) throws IOException;
    }

    private record Line(int number, String keyword, List<String> args) {}

    private final List<Line> lines;
    private final Includes includes;

    private SshConfig(List<Line> lines, Includes includes) {
        this.lines = lines;
        this.includes = includes;
    }

    public static SshConfig empty() {
        return parse("");
    }

    public static SshConfig parse(String text) {
        return parse(text, pattern -> List.of());
    }

    public static SshConfig parse(String text, Includes includes) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            List<String> words = words(raw[i], i + 1);
            if (!words.isEmpty()) {
                lines.add(new Line(
                        i + 1, words.get(0).toLowerCase(Locale.ROOT), List.copyOf(words.subList(1, words.size()))));
            }
        }
        return new SshConfig(lines, includes);
    }

    /** Reads a config file; a missing file is an empty config. Includes resolve against {@code sshDir}. */
    public static SshConfig load(Path file, Path home) {
        Path sshDir = home.resolve(".ssh");
        try {
            if (!Files.isRegularFile(file)) {
                return empty();
            }
            return parse(
                    Files.readString(file, StandardCharsets.UTF_8),
                    pattern -> FileIncludes.load(pattern, sshDir, home));
        } catch (IOException e) {
            throw new SshFailure(
                    "cannot read the SSH config " + file + ": " + e.getMessage(),
                    "check that the file is readable, or move it aside",
                    e);
        }
    }

    /** The settings that apply to {@code host} (the name as typed: an alias or a real host name). */
    public HostConfig lookup(String host) {
        Map<String, List<String>> first = new LinkedHashMap<>();
        List<String> identityFiles = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        walk(lines, host, first, identityFiles, warnings, 0);
        return HostConfig.of(first, identityFiles, warnings);
    }

    private void walk(
            List<Line> ls,
            String host,
            Map<String, List<String>> first,
            List<String> identityFiles,
            List<String> warnings,
            int depth) {
        boolean active = true;
        for (Line l : ls) {
            switch (l.keyword()) {
                case "host" -> active = HostPatterns.matches(host, l.args());
                case "match" -> {
                    if (l.args().size() == 1 && l.args().get(0).equalsIgnoreCase("all")) {
                        active = true;
                    } else {
                        active = false;
                        warnings.add("line " + l.number() + ": 'Match " + String.join(" ", l.args())
                                + "' is not supported by littlehub; that block is ignored");
                    }
                }
                case "include" -> {
                    if (!active) {
                        continue;
                    }
                    if (depth >= 16) {
                        warnings.add("line " + l.number() + ": Include nested too deeply; ignored");
                        continue;
                    }
                    for (String pattern : l.args()) {
                        List<String> texts;
                        try {
                            texts = includes.load(pattern);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        for (String t : texts) {
                            walk(parse(t, includes).lines, host, first, identityFiles, warnings, depth + 1);
                        }
                    }
                }
                default -> {
                    if (!active || l.args().isEmpty()) {
                        continue;
                    }
                    if (l.keyword().equals("identityfile")) {
                        identityFiles.add(l.args().get(0));
                    } else {
                        first.putIfAbsent(l.keyword(), l.args());
                    }
                }
            }
        }
    }

    /** Splits a line into words: {@code Keyword value}, {@code Keyword=value}, double quotes group, # starts a comment. */
    static List<String> words(String line, int number) {
        List<String> out = new ArrayList<>();
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return out;
        }
        // The keyword ends at whitespace or the first '='.
        int i = 0;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '=') {
            i++;
        }
        out.add(s.substring(0, i));
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        StringBuilder cur = null;
        boolean quoted = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                if (cur == null) {
                    cur = new StringBuilder();
                }
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else if (c == '#' && cur == null) {
                break;
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                cur.append(c);
            }
        }
        if (quoted) {
            throw new SshFailure(
                    "SSH config line " + number + " has an unclosed double quote: " + line,
                    "close the quote in your ~/.ssh/config");
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}
