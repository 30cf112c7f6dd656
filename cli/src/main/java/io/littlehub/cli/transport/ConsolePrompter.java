package io.littlehub.cli.transport;

import java.io.Console;
import java.io.PrintStream;

/** Asks on the terminal ({@link System#console()}); without a terminal it cannot ask and says no. */
public final class ConsolePrompter implements Prompter {
    private final Console console;
    private final PrintStream messages;

    public ConsolePrompter() {
        this(System.console(), System.err);
    }

    ConsolePrompter(Console console, PrintStream messages) {
        this.console = console;
        this.messages = messages;
    }

    @Override
    public void info(String message) {
        messages.println(message);
    }

    @Override
    public boolean confirm(String question) {
        if (console == null) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            String answer = console.readLine("%s [yes/no]: ", question);
            if (answer == null) {
                return false;
            }
            answer = answer.strip().toLowerCase(java.util.Locale.ROOT);
            if (answer.equals("yes") || answer.equals("y")) {
                return true;
            }
            if (answer.equals("no") || answer.equals("n")) {
                return false;
            }
            console.printf("Please type 'yes' or 'no'.%n");
        }
        return false;
    }

    @Override
    public char[] secret(String prompt) {
        if (console == null) {
            return null;
        }
        char[] answer = console.readPassword("%s", prompt);
        return answer == null || answer.length == 0 ? null : answer;
    }

    @Override
    public boolean canAsk() {
        return console != null;
    }
}
