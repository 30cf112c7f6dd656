package io.littlehub.agent.students;

import java.io.IOException;

/**
 * The hub answered, but refused the agent's token (401, 403): unlike a hub that does not answer, it is running and
 * may have people on it, so callers that look at who is active must not read this as "nobody".
 */
public final class HubRefused extends IOException {
    public HubRefused(String message) {
        super(message);
    }
}
