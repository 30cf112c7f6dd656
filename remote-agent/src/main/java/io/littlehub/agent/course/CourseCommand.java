package io.littlehub.agent.course;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.agent.ConfigApply;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.HubConfig;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.LocalMachine;
import io.littlehub.common.machine.Machine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code littlehub-agent course status|grades}: the nbgrader course of {@code course.id}, read as root. */
@Command(
        name = "course",
        description = "The course's assignments (nbgrader): status, grades.",
        subcommands = {CourseCommand.Status.class, CourseCommand.Grades.class})
public final class CourseCommand {
    /** The course folder and the exchange's course folder, or an exit code when nbgrader is off. */
    private record Course(String id, String dir, String exchange) {
        static Course ofThisHub() throws java.io.IOException {
            Map<String, Object> teaching = Teaching.model(
                    HubConfig.load(ConfigApply.onThisMachine(null).current()));
            if (!Boolean.TRUE.equals(teaching.get("nbgrader"))) {
                return null;
            }
            String id = (String) teaching.get("course_id");
            return new Course(id, (String) teaching.get("course_dir"), Teaching.EXCHANGE + "/" + id);
        }
    }

    private static int notEnabled() {
        System.err.println("littlehub-agent: nbgrader is off on this hub: turn it on with"
                + " `littlehub config set course.id data101` and `littlehub config set course.nbgrader.enabled true`");
        return ExitCodes.USAGE;
    }

    @Command(name = "status", description = "Per assignment: released, handed in, collected, autograded, ungraded.")
    static final class Status implements Callable<Integer> {
        @Option(names = "--json", description = "one JSON array, for scripts")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Course course = Course.ofThisHub();
            if (course == null) {
                return notEnabled();
            }
            List<CourseStatus.Assignment> assignments =
                    CourseStatus.gather(new LocalMachine(), course.dir(), course.exchange());
            if (json) {
                System.out.println(new ObjectMapper().writeValueAsString(assignments));
            } else {
                CourseStatus.lines(course.id(), assignments).forEach(System.out::println);
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "grades",
            description = "nbgrader's grades as CSV on stdout: one row per student and assignment (nbgrader export).")
    static final class Grades implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Course course = Course.ofThisHub();
            if (course == null) {
                return notEnabled();
            }
            Machine machine = new LocalMachine();
            CommandResult result = machine.run(exportArgv(course));
            if (!result.ok()) {
                System.err.println("littlehub-agent: nbgrader export failed: "
                        + result.stderr().strip());
                return ExitCodes.FAILED;
            }
            System.out.print(result.stdout());
            return ExitCodes.OK;
        }
    }

    /**
     * nbgrader's own export, run as root in the course folder (the gradebook is its {@code gradebook.db}), to
     * /dev/stdout (it writes only to a file; that one is the pipe the agent reads): {@code assignment,duedate,timestamp,student_id,…,score,max_score}.
     */
    static List<String> exportArgv(Course course) {
        return List.of(
                "sh",
                "-c",
                "cd \"$1\" && exec \"$2\" export --CourseDirectory.root=\"$1\" --to=/dev/stdout --log-level=ERROR",
                "nbgrader-export",
                course.dir(),
                Layout.USER_VENV + "/bin/nbgrader");
    }
}
