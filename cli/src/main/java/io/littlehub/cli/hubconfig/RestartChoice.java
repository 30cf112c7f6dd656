package io.littlehub.cli.hubconfig;

import io.littlehub.common.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * What the teacher said a change (config, upgrade, rollback) may do when it restarts the hub while people are active, as the agent's
 * options: {@code --yes} (now), {@code --when-idle} (wait until nobody is active; {@code --idle-minutes},
 * {@code --idle-timeout}), or neither: on a terminal the agent stops ({@code --ask}, exit {@code PEOPLE_ACTIVE}, its
 * notice printed) and the laptop asks, then runs the change again with {@code --yes}; without a terminal (a script)
 * the agent says so and applies, as it always did.
 *
 * @param idleMinutes null: the agent's default
 * @param idleTimeoutSeconds null: the agent's default
 */
public record RestartChoice(boolean yes, boolean whenIdle, Integer idleMinutes, Integer idleTimeoutSeconds) {
    public static final RestartChoice NONE = new RestartChoice(false, false, null, null);

    public RestartChoice {
        if (yes && whenIdle) {
            throw new IllegalArgumentException("--yes (restart the hub now) and --when-idle (wait until nobody is"
                    + " active) contradict each other: give one");
        }
        if (!whenIdle && (idleMinutes != null || idleTimeoutSeconds != null)) {
            throw new IllegalArgumentException("--idle-minutes and --idle-timeout go with --when-idle");
        }
    }

    /** The agent's options for the change; {@code canAsk}: there is a terminal to ask the teacher on. */
    public List<String> agentOptions(boolean canAsk) {
        List<String> options = new ArrayList<>();
        if (yes) {
            options.add("--yes");
        } else if (whenIdle) {
            options.add("--when-idle");
            if (idleMinutes != null) {
                options.addAll(List.of("--idle-minutes", idleMinutes.toString()));
            }
            if (idleTimeoutSeconds != null) {
                options.addAll(List.of("--idle-timeout", idleTimeoutSeconds.toString()));
            }
        } else if (canAsk) {
            options.add("--ask");
        }
        return options;
    }

    /** Whether the agent stopped to have the teacher asked (then, on yes, the change runs again with --yes). */
    boolean stoppedToAsk(int exit, boolean canAsk) {
        return exit == ExitCodes.PEOPLE_ACTIVE && agentOptions(canAsk).contains("--ask");
    }

    /** The question, after the agent's notice. */
    static final String QUESTION = "Restart the hub now?";

    /**
     * Runs {@code change} (the agent's options in, its exit code out) with this choice; when the agent stopped to ask,
     * asks the teacher and on yes runs it again with {@code --yes}. {@code json}: a script reads the output, so
     * nobody is asked.
     */
    public int run(ConfigContext ctx, boolean json, ToIntFunction<List<String>> change) {
        boolean canAsk = !json && ctx.prompter().canAsk();
        int exit = change.applyAsInt(agentOptions(canAsk));
        if (!stoppedToAsk(exit, canAsk)) {
            return exit;
        }
        if (!ctx.prompter().confirm(QUESTION)) {
            ctx.err().println("nothing changed");
            return exit;
        }
        return change.applyAsInt(List.of("--yes"));
    }
}
