package io.littlehub.cli.transport;

import java.util.List;

/**
 * Turns an argv into one command line for the remote POSIX shell: every argument in single quotes, a single quote
 * inside written as {@code '\''}. Nothing in an argument is interpreted ($, `, ;, newlines, globs), so values from
 * outside are never pasted into a shell.
 */
public final class ShellQuote {
    private ShellQuote() {}

    public static String quote(String arg) {
        if (arg.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an argument contains a NUL byte, which no remote command can receive");
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(a));
        }
        return sb.toString();
    }
}
