package io.littlehub.cli.remote;

import java.util.List;

/** The class's agent commands: {@code class-warm --now}. */
public final class ClassCommands {
    private ClassCommands() {}

    /** {@code class-warm --now --minutes-before N --grace N}: start the roster's servers now. */
    public static List<String> warmNow(int minutesBefore, int graceMinutes, AgentOptions options) {
        return AgentCommands.hubAgent(
                List.of("class-warm"),
                List.of(
                        "--now",
                        "--minutes-before",
                        Integer.toString(minutesBefore),
                        "--grace",
                        Integer.toString(graceMinutes)),
                options,
                List.of());
    }
}
