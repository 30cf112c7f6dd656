package io.littlehub.cli.remote;

import java.util.ArrayList;
import java.util.List;

/** The agents' fixed argv prefixes, written out once for the exact-argv tests. */
final class Argv {
    /** The agent this laptop pushed (provision, upgrade). */
    static final List<String> PUSHED_AGENT = List.of(
            "env",
            "LC_ALL=C.UTF-8",
            "java",
            "-XX:SharedArchiveFile=/opt/littlehub/agent/littlehub-agent.jar.jsa",
            "-Xlog:cds*=off",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            "/opt/littlehub/agent/littlehub-agent.jar");
    /** The hub's own release's agent (every other command). */
    static final List<String> HUB_AGENT = List.of(
            "env",
            "LC_ALL=C.UTF-8",
            "java",
            "-XX:SharedArchiveFile=/opt/littlehub/current/littlehub-agent.jar.jsa",
            "-Xlog:cds*=off",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            "/opt/littlehub/current/littlehub-agent.jar");

    static final AgentOptions ADA = new AgentOptions(true, null, "ada@laptop");
    static final AgentOptions ADA_WAITS = new AgentOptions(false, 5, "ada@laptop");

    private Argv() {}

    static List<String> of(List<String> prefix, String... rest) {
        List<String> out = new ArrayList<>(prefix);
        out.addAll(List.of(rest));
        return out;
    }
}
