package io.littlehub.common.config;

/**
 * One thing wrong with a hub config: where ({@code path} like {@code limits.memory}, empty for the file as a whole;
 * {@code line} from 1) and what to do about it.
 */
public record ConfigProblem(String path, int line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }

    /** "1 problem", "3 problems": how every message counts a config's problems. */
    public static String count(int problems) {
        return problems + (problems == 1 ? " problem" : " problems");
    }

    /** The line under a refused config's problems (listed above it): "nothing changed: the config above has 2 problems". */
    public static String nothingChanged(int problems) {
        return "nothing changed: the config above has " + count(problems);
    }
}
