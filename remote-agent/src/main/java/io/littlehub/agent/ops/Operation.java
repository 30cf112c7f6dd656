package io.littlehub.agent.ops;

import io.littlehub.common.machine.Machine;
import java.util.List;

/**
 * An idempotent operation: it reads facts from the machine, then plans, purely, the actions that bring the machine
 * to the desired state it was built with. A machine already in that state plans nothing.
 *
 * @param <F> the facts it reads
 */
public interface Operation<F> {
    F gather(Machine machine);

    List<Action> plan(F facts);

    /**
     * Whether gathering waits for what earlier tasks did (a health check after a restart). A check run applies
     * nothing, so it does not gather such an operation: it would only wait on the service that still runs.
     */
    default boolean waitsForChanges() {
        return false;
    }

    /** For {@code --diff}: the change in text, or empty. Secrets are never shown. */
    default String diff(F facts) {
        return "";
    }
}
