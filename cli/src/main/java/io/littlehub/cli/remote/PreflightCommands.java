package io.littlehub.cli.remote;

import io.littlehub.cli.transport.ShellQuote;
import java.util.ArrayList;
import java.util.List;

/**
 * The first command of a provision, one exec instead of six: the VM's facts ({@link FactCommands}' files and
 * programs), its Java version ({@link JavaCommands}) and the SHA-256 of its agent jar, each section ended by
 * {@link #SECTION_END}, then {@link #END}; then it reads one line from the laptop and, when that is {@link #GO}, execs
 * the agent's command in the same session. Anything else ends it: the laptop installs or pushes what is missing first.
 */
public final class PreflightCommands {
    public static final String SECTION_END = "--littlehub-preflight-section--";
    public static final String END = "--littlehub-preflight-end--";
    public static final String GO = "run";

    /**
     * The Java on the PATH's version: its runtime's {@code release} file ({@code JAVA_VERSION="17.0.13"}), read instead
     * of starting a JVM for {@code java -version} (0.05–0.1 s of a re-run on a small VM, before the agent's own JVM);
     * {@code java -version} when there is no such file.
     */
    static final String JAVA_VERSION = "{ j=$(command -v java) && r=$(readlink -f \"$j\")"
            + " && cat \"${r%/bin/java}/release\" 2>/dev/null; } || " + ShellQuote.join(JavaCommands.version())
            + " 2>&1";

    /** Sections, in this order: os-release, meminfo, systemd, architecture, free bytes on /, Java's version ({@link #JAVA_VERSION}), sha256. */
    private static final String SCRIPT = String.join(
            "; ",
            "jar=$1",
            "shift",
            "s() { echo " + SECTION_END + "; }",
            line(FactCommands.osRelease()),
            line(FactCommands.memory()),
            line(FactCommands.systemdVersion()),
            line(FactCommands.architecture()),
            line(FactCommands.freeBytesOnRoot()),
            JAVA_VERSION + "; s",
            "sha256sum \"$jar\" 2>/dev/null; s",
            "echo " + END,
            "read -r word || exit 0",
            "[ \"$word\" = " + GO + " ] || exit 0",
            "exec \"$@\"");

    private static String line(List<String> argv) {
        return ShellQuote.join(argv) + "; s";
    }

    private PreflightCommands() {}

    /** {@code sh -c SCRIPT littlehub-preflight AGENT_JAR AGENT_ARGV…}: facts, then {@code agentArgv} on the word. */
    public static List<String> factsThenAgent(String agentJar, List<String> agentArgv) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "littlehub-preflight", agentJar));
        argv.addAll(agentArgv);
        return argv;
    }
}
