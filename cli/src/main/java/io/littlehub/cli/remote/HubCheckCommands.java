package io.littlehub.cli.remote;

import java.util.ArrayList;
import java.util.List;

/** {@code littlehub-agent status} and {@code doctor}, with the hub's own agent. */
public final class HubCheckCommands {
    private HubCheckCommands() {}

    public static List<String> status(AgentOptions options) {
        return AgentCommands.hubAgent(List.of("status"), List.of(), options, List.of());
    }

    /**
     * {@code doctor --laptop-time EPOCH --laptop-version V [--fix]}: the laptop's clock and release, so the agent
     * checks clock skew and version drift too.
     */
    public static List<String> doctor(
            long laptopEpochSeconds, String laptopVersion, boolean fix, AgentOptions options) {
        List<String> doctorOptions = new ArrayList<>(
                List.of("--laptop-time", Long.toString(laptopEpochSeconds), "--laptop-version", laptopVersion));
        if (fix) {
            doctorOptions.add("--fix");
        }
        return AgentCommands.hubAgent(List.of("doctor"), doctorOptions, options, List.of());
    }
}
