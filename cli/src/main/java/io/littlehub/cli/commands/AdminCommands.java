package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.operate.AgentVerb;
import io.littlehub.cli.passwords.AdminPasswords;
import io.littlehub.cli.passwords.PasswordChoice;
import io.littlehub.cli.remote.RosterCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.students.PasswordRule;
import io.littlehub.common.students.StudentNames;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code littlehub add-admin NAME…} and {@code littlehub remove-admin NAME…}. */
public final class AdminCommands {
    private AdminCommands() {}

    @Command(
            name = "add-admin",
            mixinStandardHelpOptions = true,
            description =
                    "Make users hub admins: they manage users and servers in the hub and may sudo on the VM (to install packages for everyone).")
    @ExitsWith({
        ExitCodes.OK,
        ExitCodes.FAILED,
        ExitCodes.USAGE,
        ExitCodes.UNREACHABLE,
        ExitCodes.INVALID_CONFIG,
        ExitCodes.LOCKED
    })
    public static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", arity = "1..*")
        List<String> names;

        @Option(
                names = "--password-file",
                paramLabel = "FILE",
                description =
                        "with firstuse sign-in: the new admin's password, on the file's first line (yours alone: chmod 600); without it an admin who has no password is asked for one twice on a terminal, or gets one made up and shown once")
        Path passwordFile;

        @Mixin
        ChangeOptions hub;

        @Override
        public Integer call() {
            ConfigContext laptop = hub.context();
            PasswordChoice choice;
            try {
                if (passwordFile != null && names.size() != 1) {
                    throw new IllegalArgumentException(
                            "--password-file holds one password: name exactly one admin with it");
                }
                choice = PasswordChoice.of(passwordFile, "--password-file", laptop.prompter(), PasswordRule.MIN_LENGTH);
            } catch (IllegalArgumentException e) {
                laptop.err().println("littlehub: " + e.getMessage() + "; nothing changed");
                return ExitCodes.USAGE;
            }
            // After the agent made them admins (it refused bad names, so these normalize): no admin stays claimable.
            return hub.change(o -> RosterCommands.addAdmin(names, o), ctx -> new AgentVerb.Around() {
                @Override
                public int after(RemoteHost host) {
                    List<String> admins = names.stream()
                            .map(StudentNames::normalize)
                            .distinct()
                            .toList();
                    // Asked through this hub's prompter: with --hubs, prefixed with its name, one hub at a time.
                    AdminPasswords.Outcome outcome =
                            AdminPasswords.ensure(host, admins, choice.askingThrough(ctx.prompter()));
                    PrintStream out = hub.json() ? ctx.err() : ctx.out();
                    outcome.actions().forEach(out::println);
                    AdminPasswords.show(out, outcome);
                    return ExitCodes.OK;
                }
            });
        }
    }

    @Command(
            name = "remove-admin",
            mixinStandardHelpOptions = true,
            description = "Take admin rights (and sudo) away; the users stay on the roster as students.")
    @ExitsWith({
        ExitCodes.OK,
        ExitCodes.FAILED,
        ExitCodes.USAGE,
        ExitCodes.UNREACHABLE,
        ExitCodes.INVALID_CONFIG,
        ExitCodes.LOCKED
    })
    public static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", arity = "1..*")
        List<String> names;

        @Mixin
        ChangeOptions hub;

        @Override
        public Integer call() {
            return hub.change(o -> RosterCommands.removeAdmin(names, o));
        }
    }
}
