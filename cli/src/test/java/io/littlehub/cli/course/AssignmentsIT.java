package io.littlehub.cli.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.browser.HeadlessChromium;
import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.ProvisionedHub;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.common.ExitCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 24 on one hub VM from the provisioned snapshot, with the real nbgrader: the teacher (admin, so instructor)
 * makes and releases an assignment with nbgrader's own commands in their JupyterLab terminal; ada and bob fetch and
 * submit through the Assignments tab's API (ada right, bob wrong); the teacher collects and autogrades;
 * {@code littlehub course grades} shows 1 of 1 and 0 of 1. Bob cannot list the hand-ins, read the course's source or
 * see the hidden test, nor use the formgrader. Then: the Assignments panel in Chromium, a {@code littlehub link}
 * round trip, the teams' folders and bad input. Screenshots: target/e2e-artifacts/assignments-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssignmentsIT {
    private static final String TEACHER = ProvisionedHub.ADMIN;
    private static final String COURSE = "/srv/nbgrader/courses/data101";
    private static final String INBOUND = "/srv/nbgrader/exchange/data101/inbound";
    private static final Path SHOTS = Path.of("target", "e2e-artifacts");
    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    static TeacherLaptop laptop;

    static HubClient teacher;
    static HubClient ada;
    static HubClient bob;

    @BeforeAll
    static void aHubWithACourseAndTwoTeams() throws Exception {
        laptop = TeacherLaptop.boot("assign-" + ProcessHandle.current().pid());
        Path config = Files.createTempFile("assignments", ".yaml");
        Files.writeString(config, """
                users:
                  admin: [teacher]
                  allowed: [ada, bob]
                  groups:
                    team-a: {members: [ada], shared_folder: true}
                    team-b: {members: [bob], shared_folder: true}
                course: {name: Data 101, id: data101, nbgrader: {enabled: true}}
                """);
        long t = System.nanoTime();
        TeacherLaptop.Run applied = laptop.ok("config", "apply", config.toString());
        System.out.printf("config apply with nbgrader: %d s%n", (System.nanoTime() - t) / 1_000_000_000);
        assertTrue(
                applied.out().contains("a removed member keeps access until their server restarts"),
                "the output says when a removal takes effect:\n" + applied.out());
        new HubClient(laptop.base).awaitHub(Duration.ofSeconds(120));
        teacher = new HubClient(laptop.base);
        assertEquals(200, teacher.login(TEACHER, ProvisionedHub.ADMIN_PASSWORD).statusCode());
        teacher.startServer(TEACHER, Duration.ofSeconds(180));
        ada = laptop.signedInWithServer("ada");
        bob = laptop.signedInWithServer("bob");
    }

    @Test
    @Order(1)
    void theWeeklyLoopGradesTheRightAnswerFullAndTheWrongOneZero() throws Exception {
        assertEquals(200, teacher.get("/user/" + TEACHER + "/formgrader").statusCode(), "the instructor's formgrader");
        assertEquals(404, bob.get("/user/bob/formgrader").statusCode(), "no formgrader for students");

        String notebook = Base64.getEncoder().encodeToString(sourceNotebook().getBytes(StandardCharsets.UTF_8));
        String made = teacher.terminal(
                TEACHER,
                "mkdir -p ~/data101/source/ps1 && echo " + notebook + " | base64 -d > ~/data101/source/ps1/ps1.ipynb"
                        + " && nbgrader generate_assignment ps1 && nbgrader release_assignment ps1"
                        + " && echo RELEASED-OK",
                "END-OF-RELEASE",
                Duration.ofSeconds(180));
        assertTrue(made.contains("RELEASED-OK"), made);

        for (HubClient student : List.of(ada, bob)) {
            String name = student == ada ? "ada" : "bob";
            String listed = student.get("/user/" + name + "/assignments?course_id=data101")
                    .body();
            assertTrue(listed.contains("\"ps1\""), "the Assignments tab lists ps1 for " + name + ": " + listed);
            String fetched = student.postToServer(name, "assignments/fetch?course_id=data101&assignment_id=ps1")
                    .body();
            assertTrue(fetched.contains("\"success\": true"), fetched);
        }
        assertEquals("'solved'", ada.execute("ada", solve("x * x")));
        assertEquals("'solved'", bob.execute("bob", solve("x + x")));
        for (HubClient student : List.of(ada, bob)) {
            String name = student == ada ? "ada" : "bob";
            String submitted = student.postToServer(name, "assignments/submit?course_id=data101&assignment_id=ps1")
                    .body();
            assertTrue(submitted.contains("\"success\": true"), submitted);
        }

        // Bob: the hand-ins cannot be listed (nbgrader's random names do the rest), the course's source (with the
        // hidden test) cannot be read, and his copy has no hidden test.
        assertEquals(
                "'PermissionError PermissionError False'",
                bob.execute(
                        "bob",
                        tried(
                                "os.listdir('" + INBOUND + "')",
                                "open('" + COURSE + "/source/ps1/ps1.ipynb').read()",
                                "'littlehub-hidden' in open(os.path.expanduser('~/ps1/ps1.ipynb')).read()")));
        String status = laptop.ok("course", "status").out();
        assertTrue(status.lines().anyMatch(l -> l.matches("\\s+ps1\\s+yes\\s+2\\s+0\\s+0\\s+2")), status);

        String graded = teacher.terminal(
                TEACHER,
                "nbgrader collect ps1 && nbgrader autograde ps1 && echo GRADED-OK",
                "END-OF-GRADING",
                Duration.ofSeconds(240));
        assertTrue(graded.contains("GRADED-OK"), graded);

        Path csv = Files.createTempDirectory("grades").resolve("grades.csv");
        TeacherLaptop.Run grades = laptop.ok("course", "grades", "--out", csv.toString());
        assertEquals("grades: 2 rows written to " + csv, grades.out().strip());
        Map<String, String> scores = new LinkedHashMap<>();
        List<String> rows = Files.readAllLines(csv);
        List<String> header = List.of(rows.get(0).split(","));
        for (String row : rows.subList(1, rows.size())) {
            List<String> cells = List.of(row.split(","));
            scores.put(
                    cells.get(header.indexOf("student_id")),
                    cells.get(header.indexOf("score")) + "/" + cells.get(header.indexOf("max_score")));
        }
        System.out.println("grades.csv:\n" + String.join("\n", rows));
        // nbgrader's student id is the student's unix user (jupyter-<name>, see UnixNames).
        assertEquals(Map.of("jupyter-ada", "1.0/1.0", "jupyter-bob", "0.0/1.0"), scores);
        String after = laptop.ok("course", "status").out();
        assertTrue(after.lines().anyMatch(l -> l.matches("\\s+ps1\\s+yes\\s+2\\s+2\\s+2\\s+0")), after);
    }

    /** Bob's JupyterLab shows the Assignments panel with ps1. */
    @Test
    @Order(2)
    void theAssignmentsPanelInChromium() throws Exception {
        Assumptions.assumeTrue(
                HeadlessChromium.installed(), "skipped: Debian's chromium is not installed (.ci/run installs it)");
        try (HeadlessChromium browser = jupyterLabOf("bob")) {
            clickMenuItem(browser, "Nbgrader", "Assignment List");
            assertTrue(
                    browser.waitFor(
                            "[...document.querySelectorAll('#released_assignments_list, #fetched_assignments_list,"
                                    + " #submitted_assignments_list')]"
                                    + ".some(e => e.innerText.includes('ps1'))",
                            Duration.ofSeconds(60)),
                    "the Assignments panel lists ps1: " + browser.eval("document.body.innerText"));
            browser.screenshot(SHOTS.resolve("assignments-panel.png"));
        }
    }

    /**
     * Bob opens the teacher's {@code littlehub link}: nbgitpuller clones the repository into his home and opens it.
     * nbgitpuller clones with {@code --depth 1}, which git's dumb HTTP cannot serve, so the stand-in for the teacher's
     * git host is git's own smart HTTP: {@code git http-backend} as a CGI script of Python's CGI server (a root server
     * runs its scripts as nobody, hence the repository owned by nobody).
     */
    @Test
    @Order(3)
    void aLinkCopiesTheRepositoryIntoTheStudentsHome() throws Exception {
        Assumptions.assumeTrue(
                HeadlessChromium.installed(), "skipped: Debian's chromium is not installed (.ci/run installs it)");
        laptop.vm.check("sudo", "sh", "-c", """
                set -e
                rm -rf /tmp/notes-src /srv/www
                git init -q -b main /tmp/notes-src
                echo '# Week 1 notes' > /tmp/notes-src/README.md
                git -C /tmp/notes-src add README.md
                git -C /tmp/notes-src -c user.name=T -c user.email=t@example.org commit -qm notes
                mkdir -p /srv/www/cgi-bin
                git clone -q --bare /tmp/notes-src /srv/www/notes.git
                chown -R nobody:nogroup /srv/www/notes.git
                cat > /srv/www/cgi-bin/git <<'CGI'
                #!/bin/sh
                HOME=/nonexistent GIT_PROJECT_ROOT=/srv/www GIT_HTTP_EXPORT_ALL=1 exec git http-backend
                CGI
                chmod 755 /srv/www/cgi-bin/git
                systemd-run --unit=littlehub-test-git-http python3 -m http.server 8765 --bind 127.0.0.1 --cgi \
                  --directory /srv/www
                """);
        String repo = "http://127.0.0.1:8765/cgi-bin/git/notes.git";
        Path qr = Files.createTempDirectory("link").resolve("notes.png");
        TeacherLaptop.Run linked = laptop.ok("link", repo, "--qr", qr.toString());
        String link = linked.out().lines().findFirst().orElseThrow();
        assertEquals(
                laptop.base + (laptop.base.endsWith("/") ? "" : "/")
                        + "hub/user-redirect/git-pull?repo=http%3A%2F%2F127.0.0.1%3A8765%2Fcgi-bin%2Fgit%2Fnotes.git"
                        + "&urlpath=lab%2Ftree%2Fnotes.git",
                link);
        assertTrue(Files.size(qr) > 1000, "the QR code's PNG");
        try (HeadlessChromium browser = jupyterLabOf("bob")) {
            browser.open(link);
            boolean opened =
                    browser.waitFor("location.pathname.includes('/lab/tree/notes.git')", Duration.ofSeconds(120))
                            && browser.waitFor(
                                    "[...document.querySelectorAll('.jp-DirListing-itemText')]"
                                            + ".some(e => e.innerText.includes('README.md'))",
                                    Duration.ofSeconds(60));
            browser.screenshot(SHOTS.resolve("assignments-link.png"));
            assertTrue(
                    opened,
                    "the link pulls and opens the repository's folder: " + browser.eval("location.href") + "\n"
                            + browser.eval("document.body.innerText"));
        }
        assertEquals(
                "# Week 1 notes",
                laptop.vm
                        .check("sudo", "cat", "/home/jupyter-bob/notes.git/README.md")
                        .strip());
    }

    /** Team A's folder: ada writes, bob can neither list nor read it; ada removed loses it at her next start. */
    @Test
    @Order(4)
    void aTeamsFolderIsItsMembersAlone() throws Exception {
        assertEquals(
                "'written'",
                ada.execute(
                        "ada",
                        "import os\nopen(os.path.expanduser('~/groups/team-a/plan.txt'), 'w').write('x')\n"
                                + "'written'"));
        assertEquals("'PermissionError PermissionError'", bob.execute("bob", tries("/srv/groups/team-a")));
        TeacherLaptop.Run removed = laptop.ok("config", "remove-item", "users.groups.team-a.members", "ada");
        assertTrue(removed.out().contains("until their server restarts"), removed.out());
        assertEquals(
                "'READABLE READABLE'",
                ada.execute("ada", tries("/srv/groups/team-a")),
                "her running server keeps the group it started with, as the output says");
        ada.stopServer("ada", Duration.ofSeconds(120));
        ada.startServer("ada", Duration.ofSeconds(180));
        assertEquals("'PermissionError PermissionError'", ada.execute("ada", tries("/srv/groups/team-a")));
    }

    @Test
    @Order(5)
    void badInputIsRefusedNamingTheKeyAndTheFix() {
        TeacherLaptop.Run id = laptop.littlehub("config", "set", "course.id", "data 101");
        assertEquals(ExitCodes.INVALID_CONFIG, id.exit(), id.toString());
        assertTrue(id.err().contains("course.id: \"data 101\" is not a valid course id"), id.err());
        TeacherLaptop.Run who = laptop.littlehub("config", "add-item", "course.instructors", "mallory");
        assertEquals(ExitCodes.INVALID_CONFIG, who.exit(), who.toString());
        assertTrue(
                who.err().contains("course.instructors: \"mallory\" is not on the roster")
                        && who.err().contains("littlehub add-student mallory"),
                who.err());
        TeacherLaptop.Run link = laptop.littlehub("link", "git@github.com:teacher/notes.git");
        assertEquals(ExitCodes.USAGE, link.exit(), link.toString());
        assertTrue(
                link.err().contains("REPO-URL git@github.com:teacher/notes.git is not an http(s) address"), link.err());
    }

    private static String tries(String folder) {
        return tried("os.listdir('" + folder + "')", "open('" + folder + "/plan.txt').read()");
    }

    /** Python that runs each expression as the user: READABLE, PermissionError, or a True/False expression's value. */
    private static String tried(String... expressions) {
        StringBuilder code = new StringBuilder("""
                import os
                def tried(f):
                    try:
                        value = f()
                        return str(value) if isinstance(value, bool) else 'READABLE'
                    except PermissionError:
                        return 'PermissionError'
                ' '.join([""");
        for (String e : expressions) {
            code.append("tried(lambda: ").append(e).append("), ");
        }
        return code.append("])\n").toString();
    }

    /** A Chromium signed in as {@code name} (password {@code <name>-password}) with JupyterLab loaded. */
    private static HeadlessChromium jupyterLabOf(String name) throws Exception {
        HeadlessChromium browser = new HeadlessChromium(Files.createTempDirectory("littlehub-chromium"));
        try {
            browser.open(laptop.base + "/hub/login");
            assertTrue(browser.waitFor("document.querySelector('#username_input')", Duration.ofSeconds(30)));
            browser.click("#username_input");
            browser.type(name);
            browser.click("#password_input");
            browser.type(name + "-password");
            browser.click("#login_submit");
            assertTrue(
                    // JupyterLab restores the user's last workspace: the Launcher if new, else what they left open.
                    browser.waitFor(
                            "document.querySelector('.jp-LauncherCard, .jp-DirListing-item')", Duration.ofSeconds(180)),
                    "JupyterLab loaded: " + browser.eval("location.href"));
            return browser;
        } catch (Exception | AssertionError e) {
            browser.close();
            throw e;
        }
    }

    /**
     * Opens the menu bar's {@code menu} and clicks its {@code item}; a menu that did not open (a click while JupyterLab
     * was still laying out, seen once in CI) is clicked again, as a person would.
     */
    private static void clickMenuItem(HeadlessChromium browser, String menu, String item) throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertTrue(
                    clickText(browser, ".lm-MenuBar-itemLabel", menu, Duration.ofSeconds(30)), "no " + menu + " menu");
            if (clickText(browser, ".lm-Menu-itemLabel", item, Duration.ofSeconds(10))) {
                return;
            }
        }
        throw new AssertionError("the " + menu + " menu never showed " + item);
    }

    /** False: no element matching {@code selector} showed {@code text} within {@code patience}. */
    private static boolean clickText(HeadlessChromium browser, String selector, String text, Duration patience)
            throws Exception {
        String find = "[...document.querySelectorAll(" + JSON.writeValueAsString(selector) + ")].find(e => e.innerText"
                + ".trim() === " + JSON.writeValueAsString(text) + ")";
        if (!browser.waitFor("Boolean(" + find + ")", patience)) {
            return false;
        }
        browser.eval(find + ".setAttribute('data-littlehub-click', '1')");
        // Lumino's menus act on the item the pointer is over: move there first, as a mouse does.
        JsonNode box = browser.eval("(() => { const r = document.querySelector(\"[data-littlehub-click='1']\")"
                + ".getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        browser.call(
                "Input.dispatchMouseEvent",
                Map.of(
                        "type",
                        "mouseMoved",
                        "x",
                        box.get("x").asDouble(),
                        "y",
                        box.get("y").asDouble()));
        browser.click("[data-littlehub-click='1']");
        browser.eval(find + ".removeAttribute('data-littlehub-click')");
        return true;
    }

    /** The student's answer: replaces nbgrader's "raise NotImplementedError()" in their copy of ps1. */
    private static String solve(String answer) {
        return """
                import json, os
                p = os.path.expanduser('~/ps1/ps1.ipynb')
                nb = json.load(open(p))
                for cell in nb['cells']:
                    src = ''.join(cell['source']) if isinstance(cell['source'], list) else cell['source']
                    cell['source'] = src.replace('raise NotImplementedError()', 'return %s')
                json.dump(nb, open(p, 'w'))
                'solved'
                """.formatted(answer);
    }

    /** A solution cell and an autograded test cell (1 point) with a visible and a hidden test, in nbgrader's format. */
    private static String sourceNotebook() throws Exception {
        Map<String, Object> solution = cell(
                "def square(x):\n    ### BEGIN SOLUTION\n    return x * x\n    ### END SOLUTION\n",
                Map.of("grade", false, "solution", true, "locked", false, "grade_id", "square", "schema_version", 3));
        Map<String, Object> test = cell(
                "assert square(2) == 4\n### BEGIN HIDDEN TESTS\nassert square(3) == 9  # littlehub-hidden\n"
                        + "### END HIDDEN TESTS\n",
                Map.of(
                        "grade",
                        true,
                        "solution",
                        false,
                        "locked",
                        true,
                        "grade_id",
                        "test_square",
                        "points",
                        1,
                        "schema_version",
                        3));
        return JSON.writeValueAsString(Map.of(
                "nbformat",
                4,
                "nbformat_minor",
                5,
                "metadata",
                Map.of("kernelspec", Map.of("name", "python3", "display_name", "Python 3", "language", "python")),
                "cells",
                List.of(solution, test)));
    }

    private static Map<String, Object> cell(String source, Map<String, Object> nbgrader) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("cell_type", "code");
        cell.put("execution_count", null);
        cell.put("id", nbgrader.get("grade_id"));
        cell.put("metadata", Map.of("nbgrader", nbgrader));
        cell.put("outputs", List.of());
        cell.put("source", source);
        return cell;
    }
}
