package io.littlehub.agent;

import io.littlehub.common.ExitCodes;
import io.littlehub.common.events.EventSink;
import io.littlehub.common.events.HumanReport;
import io.littlehub.common.events.JsonLines;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * The options every change takes (config set …, add-student …, run provision, env install …), and the config change
 * through ConfigApply.
 */
public final class ChangeOptions {
    @Option(names = "--json", description = "one JSON event per line")
    public boolean json;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "seconds to wait for another change to finish (default: ${DEFAULT-VALUE})")
    int wait;

    @Option(
            names = "--who",
            paramLabel = "USER@HOST",
            description = "who makes the change (shown to others waiting, recorded in the history)")
    String who;

    /** Who holds the lock and signs the history: --who, else the sudo caller on this host. */
    public String who() throws UnknownHostException {
        return who != null ? who : caller();
    }

    /** The admin who runs this agent on the VM: the sudo caller on this host. */
    public static String caller() throws UnknownHostException {
        return System.getenv().getOrDefault("SUDO_USER", "root") + "@"
                + InetAddress.getLocalHost().getHostName();
    }

    public int waitSeconds() {
        return wait;
    }

    /** Where the change's events go: JSON lines with --json, else the Ansible-style report. */
    public EventSink events() {
        return json ? new JsonLines(System.out) : new HumanReport(System.out, false, "localhost");
    }

    public int apply(UnaryOperator<String> change, String summary) throws Exception {
        return ConfigApply.onThisMachine(events()).apply(change, who(), summary, wait);
    }

    /** A config change that looks first whether it restarts the hub while people are active ({@link RestartOptions}). */
    public int apply(UnaryOperator<String> change, String summary, RestartOptions restart) throws Exception {
        if (restart.refused(System.err)) {
            return ExitCodes.USAGE;
        }
        ConfigApply apply = ConfigApply.onThisMachine(events());
        return apply.apply(change, who(), summary, wait, restart.gate(apply.current()));
    }
}
