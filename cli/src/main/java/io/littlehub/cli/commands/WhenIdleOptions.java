package io.littlehub.cli.commands;

import io.littlehub.cli.hubconfig.RestartChoice;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --when-idle}, {@code --idle-minutes}, {@code --idle-timeout}: what a change that restarts the hub does while
 * people are active ({@link RestartChoice}). Inherited, so {@code config}'s verbs take them after the verb.
 */
public final class WhenIdleOptions {
    @Option(
            names = "--when-idle",
            scope = ScopeType.INHERIT,
            description = "changes that restart the hub: wait until nobody is active (no server used in the last"
                    + " --idle-minutes, none starting), then apply")
    boolean whenIdle;

    @Option(
            names = "--idle-minutes",
            paramLabel = "N",
            scope = ScopeType.INHERIT,
            description = "--when-idle: active means a server used in the last N minutes (default 10)")
    Integer idleMinutes;

    @Option(
            names = "--idle-timeout",
            paramLabel = "SECONDS",
            scope = ScopeType.INHERIT,
            description = "--when-idle: give up after this long, nothing changed, exit 7 (default 3600)")
    Integer idleTimeout;

    /** With {@code yes}: restart now without asking. */
    RestartChoice choice(boolean yes) {
        return new RestartChoice(yes, whenIdle, idleMinutes, idleTimeout);
    }
}
