package io.littlehub.cli.commands;

import io.littlehub.cli.ExitsWith;
import io.littlehub.cli.hubconfig.ConfigContext;
import io.littlehub.cli.remote.CourseCommands;
import io.littlehub.common.ExitCodes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code littlehub course status|grades}: the nbgrader course (course.id) as the agent reads it on the hub. */
@Command(
        name = "course",
        mixinStandardHelpOptions = true,
        description = {
            "The course's assignments (nbgrader; turn it on with course.id and course.nbgrader.enabled).",
            "Instructors create, release, collect and grade in JupyterLab's Formgrader; students fetch and submit in"
                    + " its Assignments tab."
        })
@ExitsWith({ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNREACHABLE})
public final class CourseCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Per assignment: released, handed in, collected, autograded, and hand-ins not graded yet.")
    int status(@Mixin HubOptions hub) {
        return hub.read(CourseCommands::status);
    }

    @Command(
            name = "grades",
            mixinStandardHelpOptions = true,
            description = "The grades as CSV, one row per student and assignment (nbgrader export): on the terminal,"
                    + " or with --out into a file on this computer.")
    int grades(
            @Option(names = "--out", paramLabel = "FILE", description = "write the CSV here, like grades.csv") Path out,
            @Mixin HubOptions hub)
            throws IOException {
        if (out == null) {
            return hub.read(CourseCommands::grades);
        }
        ConfigContext ctx = hub.context();
        Path parent = out.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(parent, ".grades-", ".csv");
        try {
            int exit;
            try (PrintStream file = new PrintStream(Files.newOutputStream(temp), false, StandardCharsets.UTF_8)) {
                exit = hub.read(CourseCommands::grades, file);
            }
            if (exit != ExitCodes.OK) {
                return exit;
            }
            long rows = Math.max(0, Files.readAllLines(temp).size() - 1);
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING);
            ctx.out().println("grades: " + rows + " row" + (rows == 1 ? "" : "s") + " written to " + out);
            return ExitCodes.OK;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
