package io.littlehub.agent.config;

/**
 * One thing wrong with a hub config: where ({@code path} like {@code limits.memory}, empty for the file as a whole;
 * {@code line} from 1) and what to do about it.
 */
public record ConfigProblem(String path, int line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
