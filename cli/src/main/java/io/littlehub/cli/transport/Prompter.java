package io.littlehub.cli.transport;

import java.util.function.Supplier;

/**
 * Asks the teacher things during a connection (host key confirmation, key passphrase, sudo password). The console
 * implementation is {@link ConsolePrompter}; tests inject scripted answers.
 */
public interface Prompter {
    /** Nobody to ask (a background process): every question is answered no, every secret missing. */
    Prompter NOBODY = new Prompter() {
        @Override
        public void info(String message) {}

        @Override
        public boolean confirm(String question) {
            return false;
        }

        @Override
        public char[] secret(String prompt) {
            return null;
        }

        @Override
        public boolean canAsk() {
            return false;
        }
    };

    /** Shows a message (for example a host key fingerprint). */
    void info(String message);

    /** Asks a yes/no question; false when the answer is no or nobody can be asked. */
    boolean confirm(String question);

    /** Asks for a secret without echoing it; null when nobody can be asked or the teacher gave up (empty input). */
    char[] secret(String prompt);

    /** True when there is someone to ask (a terminal, or a test's scripted answers). */
    boolean canAsk();

    /**
     * Asks what belongs together (a fingerprint and its question; a password, its problem and its repetition) with
     * nothing else asked in between: several hubs at once ask one after the other (see hubs/HubPrompter).
     */
    default <T> T dialogue(Supplier<T> steps) {
        return steps.get();
    }
}
