package io.littlehub.cli.remote;

import io.littlehub.common.config.Layout;
import java.util.List;

/** What {@code littlehub export} reads on the VM besides the agent's answers: the users' Python, a state file. */
public final class ExportCommands {
    private ExportCommands() {}

    /** The users' environment's Python version, like {@code 3.11}, on stdout. */
    public static List<String> userPython() {
        return List.of(Layout.USER_VENV + "/bin/python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])");
    }

    /** {@code cat -- PATH} (as root: the hub's secrets are root's). */
    public static List<String> read(String path) {
        return List.of("cat", "--", path);
    }
}
