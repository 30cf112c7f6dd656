package io.littlehub.cli.commands;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code littlehub add-admin NAME…} and {@code littlehub remove-admin NAME…}. */
public final class AdminCommands {
    private AdminCommands() {
    }

    @Command(name = "add-admin", mixinStandardHelpOptions = true,
            description = "Make users hub admins: they manage users and servers in the hub and may sudo on the VM (to install packages for everyone).")
    public static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", arity = "1..*") List<String> names;
        @Mixin HubOptions hub;

        @Override
        public Integer call() {
            return hub.change("add-admin", List.of(), names);
        }
    }

    @Command(name = "remove-admin", mixinStandardHelpOptions = true,
            description = "Take admin rights (and sudo) away; the users stay on the roster as students.")
    public static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", arity = "1..*") List<String> names;
        @Mixin HubOptions hub;

        @Override
        public Integer call() {
            return hub.change("remove-admin", List.of(), names);
        }
    }
}
