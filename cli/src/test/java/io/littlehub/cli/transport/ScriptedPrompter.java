package io.littlehub.cli.transport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A Prompter with answers given in advance; records everything it was shown and asked. */
public final class ScriptedPrompter implements Prompter {
    public final Deque<Boolean> confirms = new ArrayDeque<>();
    public final Deque<String> secrets = new ArrayDeque<>();
    public final List<String> shown = new ArrayList<>();
    public final List<String> asked = new ArrayList<>();
    private final boolean canAsk;

    public ScriptedPrompter() {
        this(true);
    }

    public ScriptedPrompter(boolean canAsk) {
        this.canAsk = canAsk;
    }

    public static ScriptedPrompter nobody() {
        return new ScriptedPrompter(false);
    }

    public ScriptedPrompter yes(boolean answer) {
        confirms.add(answer);
        return this;
    }

    public ScriptedPrompter answer(String answer) {
        secrets.add(answer);
        return this;
    }

    @Override
    public synchronized void info(String message) {
        shown.add(message);
    }

    @Override
    public synchronized boolean confirm(String question) {
        asked.add(question);
        if (confirms.isEmpty()) {
            throw new AssertionError("unexpected question: " + question);
        }
        return confirms.poll();
    }

    @Override
    public synchronized char[] secret(String prompt) {
        asked.add(prompt);
        if (secrets.isEmpty()) {
            throw new AssertionError("unexpected secret prompt: " + prompt);
        }
        return secrets.poll().toCharArray();
    }

    @Override
    public boolean canAsk() {
        return canAsk;
    }
}
