package io.littlehub.cli.hubconfig;

import io.littlehub.common.config.ConfigProblem;
import java.util.List;

/**
 * The problems of a refused edit, written as {@code # ERROR ...} comment lines at the top of the file the editor
 * reopens, with line numbers as the teacher sees them there; {@link #strip} takes that leading block away again
 * before the next check (a "# ERROR" comment further down is the teacher's own and stays).
 */
final class ErrorComments {
    static final String MARK = "# ERROR";

    private ErrorComments() {}

    static String add(String text, List<ConfigProblem> problems) {
        int header = problems.size() + 1;
        StringBuilder b = new StringBuilder();
        b.append(MARK)
                .append(" littlehub refused this config (")
                .append(ConfigProblem.count(problems.size()))
                .append(
                        "). Fix it and save; these # ERROR lines are removed. To cancel: quit without saving, or save an empty file.\n");
        for (ConfigProblem p : problems) {
            b.append(MARK)
                    .append(" line ")
                    .append(p.line() + header)
                    .append(": ")
                    .append(p.path().isEmpty() ? "" : p.path() + ": ")
                    .append(p.message().replace('\n', ' ').replace('\r', ' '))
                    .append('\n');
        }
        return b.append(text).toString();
    }

    static String strip(String text) {
        int at = 0;
        while (at < text.length() && text.startsWith(MARK, at)) {
            int nl = text.indexOf('\n', at);
            at = nl < 0 ? text.length() : nl + 1;
        }
        return text.substring(at);
    }
}
