package io.littlehub.cli;

import io.littlehub.cli.commands.AddStudentCommand;
import io.littlehub.cli.commands.AdminCommands;
import io.littlehub.cli.commands.BackupCommand;
import io.littlehub.cli.commands.ClassCommand;
import io.littlehub.cli.commands.CloudInitCommand;
import io.littlehub.cli.commands.CompletionCommand;
import io.littlehub.cli.commands.ConfigCommand;
import io.littlehub.cli.commands.DoctorCommand;
import io.littlehub.cli.commands.EnvCommand;
import io.littlehub.cli.commands.ExportCommand;
import io.littlehub.cli.commands.HubsCommand;
import io.littlehub.cli.commands.LogsCommand;
import io.littlehub.cli.commands.ProvisionCommand;
import io.littlehub.cli.commands.RehearseCommand;
import io.littlehub.cli.commands.RemoveStudentCommand;
import io.littlehub.cli.commands.ResetPasswordCommand;
import io.littlehub.cli.commands.RestoreCommand;
import io.littlehub.cli.commands.RollbackCommand;
import io.littlehub.cli.commands.SizeCommand;
import io.littlehub.cli.commands.SshCommand;
import io.littlehub.cli.commands.StatusCommand;
import io.littlehub.cli.commands.StudentsCommand;
import io.littlehub.cli.commands.TryCommand;
import io.littlehub.cli.commands.UpgradeCommand;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.commandline.Subcommands;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code littlehub}: the teacher's command, and the one base every subcommand runs under: one mapping from exceptions
 * to messages and exit codes ({@link ErrorExits}), plain value converters ({@link PlainValues}), exit codes in every
 * help ({@link ExitCodeHelp}), grouped help ({@link CommandGroups}). Each subcommand parses its arguments and
 * delegates.
 */
@Command(
        name = "littlehub",
        mixinStandardHelpOptions = true,
        versionProvider = LittlehubCommand.Version.class,
        description = "Run a small JupyterHub for a class from your laptop.",
        footer = {"", "`littlehub COMMAND --help` tells more about each command."})
@ExitsWith({
    ExitCodes.OK,
    ExitCodes.FAILED,
    ExitCodes.USAGE,
    ExitCodes.UNREACHABLE,
    ExitCodes.UNSUPPORTED,
    ExitCodes.INVALID_CONFIG,
    ExitCodes.LOCKED
})
public final class LittlehubCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Every subcommand ({@link CommandGroups} orders them in the help). */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            TryCommand.class,
            SizeCommand.class,
            CloudInitCommand.class,
            ProvisionCommand.class,
            CompletionCommand.class,
            StudentsCommand.class,
            ClassCommand.class,
            io.littlehub.cli.commands.CourseCommand.class,
            io.littlehub.cli.commands.LinkCommand.class,
            AddStudentCommand.class,
            RemoveStudentCommand.class,
            AdminCommands.Add.class,
            AdminCommands.Remove.class,
            ResetPasswordCommand.class,
            EnvCommand.class,
            ConfigCommand.class,
            StatusCommand.class,
            HubsCommand.class,
            DoctorCommand.class,
            LogsCommand.class,
            SshCommand.class,
            UpgradeCommand.class,
            RollbackCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            RehearseCommand.class,
            ExportCommand.class);

    public static void main(String[] args) {
        SshWarmUp.startFor(args);
        System.exit(commandLine(ConfigContext::fromEnvironment, args).execute(args));
    }

    /** The command line with every hub command working in {@code context}: tests pass a temporary registry. */
    public static CommandLine commandLine(Supplier<ConfigContext> context) {
        return commandLine(context, new String[0]);
    }

    /**
     * The command line for a run with {@code args}: only the subcommand they name, when they name one
     * ({@link Subcommands}: building all of them was most of a command's start); {@code completion} needs them all.
     */
    static CommandLine commandLine(Supplier<ConfigContext> context, String[] args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cl = new CommandLine(new LittlehubCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                // Every class that talks to a hub takes its context in a constructor; the rest are built as picocli
                // would.
                try {
                    return type.getConstructor(Supplier.class).newInstance(context);
                } catch (NoSuchMethodException noContext) {
                    return defaults.create(type);
                }
            }
        });
        Subcommands.addTo(cl, Subcommands.needed(SUBCOMMANDS, Set.of(CompletionCommand.class), args));
        ErrorExits errors = new ErrorExits(System.getenv("LITTLEHUB_DEBUG") != null);
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        PlainValues.registerOn(cl);
        ExitCodeHelp.addTo(cl);
        CommandGroups.addTo(cl);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildStamp.describe()};
        }
    }
}
