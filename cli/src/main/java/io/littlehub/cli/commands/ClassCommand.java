package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.remote.ClassCommands;
import io.littlehub.common.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code littlehub class warm --now}: the roster's servers started before the students arrive. Parses only; the
 * agent ({@code littlehub-agent class-warm}) starts them. A schedule goes into the config ({@code class.schedule}).
 */
@Command(
        name = "class",
        mixinStandardHelpOptions = true,
        description = {
            "Before class: start the roster's servers so students find theirs running (a warm start).",
            "For every class, put a schedule in the config instead, like:"
                    + " littlehub config set class.schedule '[{days: [mon, wed], start: \"10:00\"}]'"
        })
@ExitsWith({ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNREACHABLE})
public final class ClassCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "warm",
            mixinStandardHelpOptions = true,
            description = "Start the roster's servers now, a few at a time, as many as the memory allows, and keep"
                    + " them from the idle culler until class has started plus the grace.")
    int warm(
            @Option(names = "--now", required = true, description = "start them now") boolean now,
            @Option(
                            names = "--minutes-before",
                            defaultValue = "0",
                            description = "class starts this many minutes from now (default 0)")
                    int minutesBefore,
            @Option(
                            names = "--grace",
                            defaultValue = "20",
                            description = "keep the servers this many minutes after class starts (default 20)")
                    int graceMinutes,
            @Mixin HubOptions hub) {
        checkMinutes("--minutes-before", minutesBefore);
        checkMinutes("--grace", graceMinutes);
        return hub.read(o -> ClassCommands.warmNow(minutesBefore, graceMinutes, o));
    }

    private static void checkMinutes(String option, int minutes) {
        if (minutes < 0 || minutes > 240) {
            throw new IllegalArgumentException(
                    option + " " + minutes + " is not a number of minutes: use 0 to 240, like 10");
        }
    }
}
