package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.sizing.ClassProfile;
import io.littlehub.cli.sizing.SizeReport;
import io.littlehub.cli.sizing.Sizing;
import io.littlehub.common.ExitCodes;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code littlehub size --students N}: parses, then {@link Sizing} and {@link SizeReport}. Needs no VM. */
@Command(
        name = "size",
        mixinStandardHelpOptions = true,
        description = {
            "How big a VM a class needs: memory, CPUs and disk, and a matching instance type per cloud provider.",
            "After The Littlest JupyterHub's estimate: students at once × memory per student + the system's share."
        },
        footer = {"", "Example: littlehub size --students 30 --concurrent 0.5 --memory-per-student 1G"})
@ExitsWith({ExitCodes.OK, ExitCodes.USAGE})
public final class SizeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--students", required = true, paramLabel = "N", description = "students on the roster")
    int students;

    @Option(
            names = "--concurrent",
            paramLabel = "SHARE",
            defaultValue = "0.5",
            description =
                    "share of the class working at the same time, above 0 and at most 1 (default ${DEFAULT-VALUE}; 1 for a lab session)")
    BigDecimal concurrent;

    @Option(
            names = "--memory-per-student",
            paramLabel = "SIZE",
            defaultValue = "1G",
            description = "each student's memory limit, what you will set as limits.memory (default ${DEFAULT-VALUE})")
    String memory;

    @Option(
            names = "--cpu-per-student",
            paramLabel = "CPUS",
            defaultValue = "0.25",
            description =
                    "CPU an active student uses on average (default ${DEFAULT-VALUE}; more for heavy computation)")
    BigDecimal cpu;

    @Option(
            names = "--disk-per-student",
            paramLabel = "SIZE",
            defaultValue = "1G",
            description = "disk each student's home may fill (default ${DEFAULT-VALUE})")
    String disk;

    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    @Override
    public Integer call() {
        Sizing.Need need = Sizing.of(ClassProfile.of(students, concurrent, memory, cpu, disk));
        spec.commandLine().getOut().print(json ? SizeReport.json(need) + "\n" : SizeReport.text(need));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
