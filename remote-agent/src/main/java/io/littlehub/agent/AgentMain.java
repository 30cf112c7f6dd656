package io.littlehub.agent;

import io.littlehub.agent.health.HealCommand;
import io.littlehub.agent.release.ReleaseCommand;
import io.littlehub.agent.release.RollbackCommand;
import io.littlehub.agent.release.UpgradeCommand;
import io.littlehub.agent.students.AddStudentCommand;
import io.littlehub.agent.students.AdminCommands;
import io.littlehub.agent.students.PasswordsCommand;
import io.littlehub.agent.students.RemoveStudentCommand;
import io.littlehub.agent.students.ResetPasswordCommand;
import io.littlehub.agent.students.StudentsCommand;
import io.littlehub.agent.userenv.EnvCommand;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.commandline.Subcommands;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code littlehub-agent}: the tool that runs on the VM, pushed there by the laptop CLI or used by an admin logged in. */
@Command(
        name = "littlehub-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentMain.Version.class,
        description = "littlehub's agent on the hub VM.")
public final class AgentMain {
    /** Every subcommand, in the help's order. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            FactsCommand.class,
            RunCommand.class,
            ConfigCommand.class,
            StudentsCommand.class,
            AddStudentCommand.class,
            RemoveStudentCommand.class,
            AdminCommands.Add.class,
            AdminCommands.Remove.class,
            ResetPasswordCommand.class,
            PasswordsCommand.class,
            EnvCommand.class,
            io.littlehub.agent.backup.BackupCommand.class,
            io.littlehub.agent.backup.RestoreCommand.class,
            UpgradeCommand.class,
            RollbackCommand.class,
            ReleaseCommand.class,
            HealCommand.class,
            io.littlehub.agent.warm.WarmCommand.class,
            io.littlehub.agent.doctor.DoctorCommand.class,
            io.littlehub.agent.status.StatusCommand.class,
            io.littlehub.agent.course.CourseCommand.class,
            ReadOnlyTraining.class);

    public static void main(String[] args) {
        OomShield.apply(Path.of("/proc/self/oom_score_adj"));
        CommandLine cl = commandLine(args);
        // An admin on the VM sees what went wrong, not a stack trace.
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("littlehub-agent: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        PromptExit.exit(cl.execute(args));
    }

    /** Only the subcommand {@code args} name, when they name one ({@link Subcommands}: building all was most of a start). */
    static CommandLine commandLine(String[] args) {
        return Subcommands.addTo(new CommandLine(new AgentMain()), Subcommands.needed(SUBCOMMANDS, Set.of(), args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"littlehub-agent " + BuildInfo.version()};
        }
    }
}
