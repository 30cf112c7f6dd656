package io.littlehub.cli.remote;

import java.util.List;

/** {@code java}: which runtime the VM has, before the agent can run. */
public final class JavaCommands {
    private JavaCommands() {}

    /** {@code java -version}: the version on stderr. */
    public static List<String> version() {
        return List.of("java", "-version");
    }
}
