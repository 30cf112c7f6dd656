package io.littlehub.testvm;

/** A test VM could not be built, booted, checked or torn down; the message says what and how to fix it. */
public class HarnessException extends RuntimeException {
    public HarnessException(String message) {
        super(message);
    }

    public HarnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
