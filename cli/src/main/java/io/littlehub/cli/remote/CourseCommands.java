package io.littlehub.cli.remote;

import java.util.List;

/** The course's agent commands (nbgrader): {@code course status}, {@code course grades}. */
public final class CourseCommands {
    private CourseCommands() {}

    /** {@code course status [--json]}: per assignment, released, handed in, collected, autograded, ungraded. */
    public static List<String> status(AgentOptions options) {
        return AgentCommands.hubAgent(List.of("course", "status"), List.of(), options, List.of());
    }

    /** {@code course grades}: nbgrader's export, CSV on stdout (no --json: CSV is the format). */
    public static List<String> grades(AgentOptions options) {
        return AgentCommands.hubAgent(
                List.of("course", "grades"), List.of(), new AgentOptions(false, null, null), List.of());
    }
}
