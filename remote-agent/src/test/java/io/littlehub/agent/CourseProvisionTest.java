package io.littlehub.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.ops.Directory;
import io.littlehub.agent.ops.Group;
import io.littlehub.agent.ops.GroupAccess;
import io.littlehub.agent.ops.PipPackages;
import io.littlehub.agent.playbook.Playbook;
import io.littlehub.agent.playbook.Task;
import io.littlehub.common.BuildInfo;
import io.littlehub.common.config.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** course.nbgrader and users.groups as the provision playbook and the hub config render them. */
class CourseProvisionTest {
    private static final String COURSE = """
            users:
              admin: [teacher]
              allowed: [ada, bob, ta]
              groups:
                team-a: {members: [ada], shared_folder: true}
                team-b: {members: [bob]}
            course: {id: data101, instructors: [teacher, ta], nbgrader: {enabled: true}}
            """;

    private static Playbook render(String yaml) {
        return ProvisionPlaybookTest.render(yaml);
    }

    private static String file(Playbook book, String path) {
        return ProvisionPlaybookTest.file(book, path);
    }

    private static <T> List<T> ops(Playbook book, Class<T> type) {
        return book.tasks().stream()
                .map(Task::operation)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    @Test
    void nbgraderIsInstalledWithItsExchangeCourseAndInstructorsOnly() {
        Playbook book = render(COURSE);
        assertTrue(
                ops(book, PipPackages.class).stream().anyMatch(p -> p.pins().equals(Map.of("nbgrader", "0.9.6"))),
                "nbgrader pinned from versions.yaml");
        List<Directory> dirs = ops(book, Directory.class);
        assertTrue(dirs.contains(new Directory("/srv/nbgrader/exchange", "root", "root", 01777)));
        assertTrue(
                dirs.contains(new Directory("/srv/nbgrader/exchange/data101", "root", "littlehub-instructors", 02775)));
        assertTrue(dirs.contains(new Directory("/srv/nbgrader/courses/data101", "root", "root", 0770)));
        assertTrue(ops(book, GroupAccess.class)
                .contains(new GroupAccess("/srv/nbgrader/courses/data101", "littlehub-instructors")));
        assertTrue(ops(book, Group.class)
                .contains(new Group("littlehub-instructors", true, List.of("jupyter-teacher", "jupyter-ta"))));
        assertEquals("""
                # Added by littlehub (course.id, course.nbgrader.enabled).
                c = get_config()  # noqa: F821
                c.CourseDirectory.course_id = "data101"
                c.Exchange.root = "/srv/nbgrader/exchange"
                """, file(book, "/etc/jupyter/nbgrader_config.py"));
        assertTrue(file(book, "/etc/jupyter/jupyter_server_config.json")
                .contains("\"jpserver_extensions\": {\"jupyter_lsp\": false, "
                        + "\"nbgrader.server_extensions.formgrader\": false, "
                        + "\"nbgrader.server_extensions.course_list\": false}"));
        assertEquals(
                "{\"ServerApp\": {\"jpserver_extensions\": {\"jupyter_lsp\": false, "
                        + "\"nbgrader.server_extensions.formgrader\": true, "
                        + "\"nbgrader.server_extensions.course_list\": true}}}\n",
                file(book, "/etc/littlehub/jupyter-instructor/jupyter_server_config.json"));
        assertEquals(
                "{\"disabledExtensions\": {\"@jupyterlab/apputils-extension:announcements\": true, "
                        + "\"@jupyter/nbgrader:formgrader\": true, \"@jupyter/nbgrader:course-list\": true, "
                        + "\"@jupyter/nbgrader:create-assignment\": true}}\n",
                file(book, "/etc/jupyter/labconfig/page_config.json"));
        assertTrue(file(book, "/etc/littlehub/jupyter-instructor/nbgrader_config.py")
                .contains("c.CourseDirectory.root = os.path.expanduser(\"~/data101\")"));
    }

    @Test
    void withoutACourseNothingOfNbgraderIsThere() {
        Playbook book = render("");
        assertTrue(ops(book, PipPackages.class).stream().noneMatch(p -> p.pins().containsKey("nbgrader")));
        assertTrue(ops(book, Group.class).stream().noneMatch(g -> g.name().startsWith("littlehub-instructors")));
        assertFalse(file(book, "/etc/jupyter/jupyter_server_config.json").contains("nbgrader"));
    }

    @Test
    void groupsBecomeUnixGroupsAndOnlySharedOnesGetAFolderOnlyMembersUse() {
        Playbook book = render(COURSE);
        List<Group> groups = ops(book, Group.class);
        assertTrue(groups.contains(new Group("littlehub-group-team-a", true, List.of("jupyter-ada"))));
        assertTrue(groups.contains(new Group("littlehub-group-team-b", true, List.of("jupyter-bob"))));
        assertTrue(ops(book, Directory.class).contains(new Directory("/srv/groups/team-a", "root", "root", 0770)));
        assertTrue(ops(book, Directory.class).stream().noneMatch(d -> d.path().equals("/srv/groups/team-b")));
        assertTrue(
                ops(book, GroupAccess.class).contains(new GroupAccess("/srv/groups/team-a", "littlehub-group-team-a")));
    }

    /** The hub config's groups table, evaluated by Python: members, folders, links; students may write the exchange. */
    @Test
    void theHubConfigKnowsEachGroupsMembersFolderAndLink(@TempDir Path dir) throws Exception {
        String config = file(render(COURSE), Layout.releaseDir(BuildInfo.version()) + "/jupyterhub_config.py");
        assertTrue(config.contains("STUDENT_WRITABLE.append(\"/srv/nbgrader/exchange\")"), config);
        Path py = dir.resolve("jupyterhub_config.py");
        Files.writeString(py, config);
        Process p = new ProcessBuilder("python3", "-c", """
                        import ast, sys
                        tree = ast.parse(open(sys.argv[1]).read())
                        for n in tree.body:
                            if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == 'MEMBER_GROUPS':
                                groups = eval(ast.unparse(n.value))
                        for name, g in groups.items():
                            print(name, sorted(g['members']), g['folder'], g['link'])
                        """, py.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(
                List.of(
                        "littlehub-instructors ['ta', 'teacher'] /srv/nbgrader/courses/data101 data101",
                        "littlehub-group-team-a ['ada'] /srv/groups/team-a groups/team-a",
                        "littlehub-group-team-b ['bob']"),
                out.lines().map(String::strip).toList());
    }
}
