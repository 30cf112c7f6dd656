package io.littlehub.common;

import java.time.Duration;
import java.util.List;

/**
 * When the VM's package lists were last fetched: every {@code apt-get update} littlehub runs (the laptop's, for the
 * Java runtime, and the agent's {@code apt} tasks) touches a mark once it succeeded, through apt's own hook. An
 * {@code apt} task then skips its update when the lists are younger than {@link #FRESH_FOR} and no source changed since:
 * a fresh provision fetched them three times in a minute before (the Java step, the first apt task, the Node.js one).
 */
public final class AptLists {
    /** In /run: gone at a reboot, which then costs one update more, never one less. */
    public static final String UPDATED_MARK = "/run/littlehub-apt-lists-updated";

    public static final Duration FRESH_FOR = Duration.ofMinutes(10);

    /** The {@code apt-get update} options that touch {@link #UPDATED_MARK} when the update succeeded. */
    public static final List<String> MARK_ON_SUCCESS =
            List.of("-o", "APT::Update::Post-Invoke-Success::=touch " + UPDATED_MARK);

    private AptLists() {}
}
