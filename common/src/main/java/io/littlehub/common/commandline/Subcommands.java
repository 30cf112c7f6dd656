package io.littlehub.common.commandline;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Which subcommands a run's command tree is built with. picocli builds the model of every subcommand before it parses
 * (each class's options, mixins, nested commands and help texts, by reflection): for the laptop's 30 commands and the
 * agent's 21 that was most of a short command's start (the agent's {@code --version}: 0.33 s of CPU on a test VM, the
 * JVM itself 0.04 s). A run whose first argument names a subcommand needs only that one. Every other run gets them
 * all: no arguments, an option ({@code --help}, {@code --version}), a typo that picocli answers with "did you mean",
 * and a command that works on the whole tree ({@code completion}).
 */
public final class Subcommands {
    private Subcommands() {}

    /**
     * The subcommands of {@code all} that a run with {@code args} needs, in their order.
     *
     * @param wholeTree the subcommands that need every other one beside them
     */
    public static List<Class<?>> needed(List<Class<?>> all, Set<Class<?>> wholeTree, String[] args) {
        if (args.length == 0) {
            return all;
        }
        for (Class<?> command : all) {
            if (names(command).contains(args[0])) {
                return wholeTree.contains(command) ? all : List.of(command);
            }
        }
        return all;
    }

    /** Adds {@code commands} to {@code root}, each created by the root's factory, as picocli's annotation would. */
    public static CommandLine addTo(CommandLine root, List<Class<?>> commands) {
        for (Class<?> command : commands) {
            root.addSubcommand(command);
        }
        return root;
    }

    private static List<String> names(Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        if (annotation == null) {
            throw new IllegalArgumentException(command.getName() + " has no @Command annotation");
        }
        return Stream.concat(Stream.of(annotation.name()), Arrays.stream(annotation.aliases()))
                .toList();
    }
}
