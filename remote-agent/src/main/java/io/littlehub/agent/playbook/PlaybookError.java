package io.littlehub.agent.playbook;

/** A playbook that cannot be read: the message names the task, the key and the fix. */
public class PlaybookError extends RuntimeException {
    public PlaybookError(String message) {
        super(message);
    }

    public PlaybookError(String message, Throwable cause) {
        super(message, cause);
    }
}
