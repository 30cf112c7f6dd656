package io.littlehub.cli.hubs;

import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.transport.Prompter;
import java.io.PrintStream;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One hub's prompter among several hubs running at once: its questions go to the one terminal one hub at a time
 * ({@code turn}, shared by the run's hubs; a {@link #dialogue} keeps it for all its steps), each prefixed with the
 * hub's name; its messages go into the hub's own prefixed lines. The other hubs keep working meanwhile: only a hub
 * that asks waits for its turn. Without a terminal {@link #canAsk()} is false and every prompt site fails its hub with
 * the option that needs no terminal, as on one hub.
 */
final class HubPrompter implements Prompter {
    private final Prompter terminal;
    private final ReentrantLock turn;
    private final String prefix;
    private final PrintStream messages;

    /**
     * @param terminal the one place the teacher answers (the console)
     * @param turn shared by every hub of the run: whoever holds it is asking
     * @param messages the hub's own lines ({@link HubLines}: prefixed, whole lines)
     */
    HubPrompter(Prompter terminal, ReentrantLock turn, String hub, PrintStream messages) {
        this.terminal = terminal;
        this.turn = turn;
        this.prefix = hub + " | ";
        this.messages = messages;
    }

    /** {@code ctx} asking (also over SSH) through the hub's own prompter, its messages into {@code messages}. */
    static ConfigContext asking(ConfigContext ctx, ReentrantLock turn, String hub, PrintStream messages) {
        return ctx.withPrompter(new HubPrompter(ctx.prompter(), turn, hub, messages));
    }

    @Override
    public void info(String message) {
        messages.println(message);
    }

    @Override
    public boolean confirm(String question) {
        return dialogue(() -> terminal.confirm(prefix + question));
    }

    @Override
    public char[] secret(String prompt) {
        return dialogue(() -> terminal.secret(prefix + prompt));
    }

    @Override
    public boolean canAsk() {
        return terminal.canAsk();
    }

    @Override
    public <T> T dialogue(Supplier<T> steps) {
        turn.lock();
        try {
            return steps.get();
        } finally {
            turn.unlock();
        }
    }
}
