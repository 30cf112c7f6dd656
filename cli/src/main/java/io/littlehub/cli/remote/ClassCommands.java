package io.littlehub.cli.remote;

import java.util.List;

/** The class's agent commands: {@code class-warm --now}, and its warm start of a rehearsal's students. */
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

    /**
     * {@code class-warm --now --minutes-before 0 --grace 0 --rehearsal}: the rehearsal's students' servers started as a
     * class's would be (staggered, within the memory budget), kept from the culler no longer than that.
     */
    public static List<String> warmRehearsal(AgentOptions options) {
        List<String> argv = warmNow(0, 0, options);
        argv.add("--rehearsal");
        return argv;
    }
}
