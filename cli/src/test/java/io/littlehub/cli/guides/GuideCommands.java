package io.littlehub.cli.guides;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code littlehub …} command lines a Markdown guide tells the reader to type: lines of code blocks (fenced
 * or indented) and inline code spans that start with {@code littlehub} or {@code bin/littlehub}; and splits each into
 * arguments as a POSIX shell would (quotes, backslashes), stopping at a comment, pipe, redirection or {@code ;}/{@code &&}.
 */
final class GuideCommands {
    /** {@code inline}: a code span in prose, which may name a command without its required arguments. */
    record Found(Path file, int line, String text, List<String> args, boolean inline) {
        String where() {
            return file + ":" + line;
        }
    }

    private static final Pattern INLINE = Pattern.compile("`((?:bin/)?littlehub [^`]+)`");
    private static final Pattern START = Pattern.compile("^(?:\\$ )?((?:bin/)?littlehub( .*)?)$");

    private GuideCommands() {}

    /** In {@code lines} (numbered from {@code firstLine}), every command, with where it is. */
    static List<Found> in(Path file, List<String> lines, int firstLine) {
        List<Found> found = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced || line.startsWith("    ") || line.startsWith("\t")) {
                Matcher m = START.matcher(line.strip());
                if (m.matches()) {
                    found.add(new Found(file, firstLine + i, m.group(1), words(m.group(1)), false));
                }
                continue;
            }
            Matcher m = INLINE.matcher(line);
            while (m.find()) {
                found.add(new Found(file, firstLine + i, m.group(1), words(m.group(1)), true));
            }
        }
        return found;
    }

    /** The arguments after {@code littlehub}. */
    static List<String> words(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < commandLine.length()) {
                    word.append(commandLine.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '\\' && i + 1 < commandLine.length()) {
                word = word == null ? new StringBuilder() : word;
                word.append(commandLine.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (word == null && (c == '#' || c == '|' || c == '>' || c == '<' || c == ';' || c == '&')) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated " + quote + " quote in: " + commandLine);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words.subList(1, words.size());
    }
}
