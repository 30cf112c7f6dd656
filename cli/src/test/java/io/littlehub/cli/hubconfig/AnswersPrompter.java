package io.littlehub.cli.hubconfig;

import io.littlehub.cli.transport.Prompter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Yes/no answers given in advance; fails a test that asks more than it planned for. */
final class AnswersPrompter implements Prompter {
    final Deque<Boolean> answers = new ArrayDeque<>();
    final List<String> asked = new ArrayList<>();
    private final boolean canAsk;

    AnswersPrompter(boolean canAsk, Boolean... answers) {
        this.canAsk = canAsk;
        this.answers.addAll(List.of(answers));
    }

    @Override
    public void info(String message) {
    }

    @Override
    public synchronized boolean confirm(String question) {
        asked.add(question);
        if (answers.isEmpty()) {
            throw new AssertionError("unexpected question: " + question);
        }
        return answers.poll();
    }

    @Override
    public char[] secret(String prompt) {
        throw new AssertionError("unexpected secret prompt: " + prompt);
    }

    @Override
    public boolean canAsk() {
        return canAsk;
    }
}
