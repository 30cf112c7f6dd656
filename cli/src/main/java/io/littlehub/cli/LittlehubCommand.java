package io.littlehub.cli;

import io.littlehub.common.ExitCodes;
import io.littlehub.cli.commands.ConfigCommand;
import io.littlehub.cli.commands.HubOptions;
import io.littlehub.cli.hubconfig.ConfigContext;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code littlehub}: the teacher's command. Each subcommand parses its arguments and delegates. */
@Command(name = "littlehub", mixinStandardHelpOptions = true, versionProvider = LittlehubCommand.Version.class,
        description = "Run a small JupyterHub for a class from your laptop.",
        subcommands = {io.littlehub.cli.commands.ProvisionCommand.class, io.littlehub.cli.commands.ConfigCommand.class,
                io.littlehub.cli.commands.TryCommand.class, io.littlehub.cli.commands.AddStudentCommand.class,
                io.littlehub.cli.commands.RemoveStudentCommand.class, io.littlehub.cli.commands.StudentsCommand.class,
                io.littlehub.cli.commands.AdminCommands.Add.class, io.littlehub.cli.commands.AdminCommands.Remove.class,
                io.littlehub.cli.commands.ResetPasswordCommand.class, io.littlehub.cli.commands.EnvCommand.class,
                io.littlehub.cli.commands.BackupCommand.class, io.littlehub.cli.commands.RestoreCommand.class,
                io.littlehub.cli.commands.UpgradeCommand.class, io.littlehub.cli.commands.RollbackCommand.class,
                io.littlehub.cli.commands.StatusCommand.class, io.littlehub.cli.commands.LogsCommand.class, io.littlehub.cli.commands.SshCommand.class,
                io.littlehub.cli.commands.DoctorCommand.class, io.littlehub.cli.commands.SizeCommand.class,
                io.littlehub.cli.commands.CloudInitCommand.class})
public final class LittlehubCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return commandLine(ConfigContext::fromEnvironment);
    }

    /** The command line with every hub command (config, roster, env, backup, restore) working in {@code context}: tests pass a temporary registry. */
    public static CommandLine commandLine(Supplier<ConfigContext> context) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cl = new CommandLine(new LittlehubCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                // Every class that talks to a hub (ConfigCommand, HubOptions, BackupCommand, RestoreCommand) takes its
                // context in a constructor; the rest are built as picocli would.
                try {
                    return type.getConstructor(Supplier.class).newInstance(context);
                } catch (NoSuchMethodException noContext) {
                    return defaults.create(type);
                }
            }
        });
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.FAILED);
        // A teacher sees what went wrong and what to do, not a stack trace.
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("littlehub: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (e instanceof io.littlehub.cli.transport.SshFailure) {
                return ExitCodes.UNREACHABLE;
            }
            return e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILED;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildStamp.describe()};
        }
    }
}
