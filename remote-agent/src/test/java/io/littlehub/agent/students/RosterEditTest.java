package io.littlehub.agent.students;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.common.config.ConfigValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RosterEditTest {
    /** The commented config of common's {@code ConfigEditCommentsTest}. */
    static final Path COMMENTED =
            Path.of("..", "common", "src", "test", "resources", "config-edit", "commented-class.yaml");

    static Stream<Arguments> onACommentedConfig() {
        return Stream.of(
                edit(
                        "add-student with an email",
                        t -> RosterEdit.addStudents(t, List.of(new RosterEdit.Student("zoe", "zoe@school.org", false))),
                        "    - bob\n  emails:\n    ada: ada@school.org\n",
                        "    - bob\n    - zoe\n  emails:\n    ada: ada@school.org\n    zoe: zoe@school.org\n"),
                edit(
                        "remove-student: off the list, onto banned, email gone",
                        t -> RosterEdit.removeStudents(t, List.of("ada")),
                        "    - ada                   # a block list, indented under its key\n    - bob\n  emails:\n"
                                + "    ada: ada@school.org\n",
                        "    - bob\n  banned:\n  - ada\n"),
                edit(
                        "add-admin",
                        t -> RosterEdit.addAdmins(t, List.of("bob")),
                        "  admin: [teacher]          # the teachers\n",
                        "  admin: [teacher, bob]          # the teachers\n"),
                edit(
                        "remove-admin: a student again",
                        t -> RosterEdit.removeAdmins(t, List.of("teacher")),
                        "  admin: [teacher]          # the teachers\n  allowed:\n"
                                + "    - ada                   # a block list, indented under its key\n    - bob\n",
                        "  allowed:\n    - ada                   # a block list, indented under its key\n    - bob\n"
                                + "    - teacher\n"));
    }

    /** Each roster command on a commented config: exactly the roster's lines change, every comment stays. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("onACommentedConfig")
    void onlyTheRostersLinesChange(String what, UnaryOperator<String> command, String lines, String becomes)
            throws Exception {
        String file = Files.readString(COMMENTED);
        assertEquals(file.indexOf(lines), file.lastIndexOf(lines), "the fixture has those lines once");
        String after = command.apply(file);
        assertEquals(file.replace(lines, becomes), after);
        assertEquals(List.of(), new ConfigValidator().validate(after));
    }

    static Arguments edit(String what, UnaryOperator<String> command, String lines, String becomes) {
        return Arguments.of(what, command, lines, becomes);
    }

    @Test
    void addingPutsStudentsOnTheRosterAndUnbansThem() {
        String before = "users:\n  banned: [bob]\nlimits:\n  memory: 2G\n";
        String after = RosterEdit.addStudents(
                before,
                List.of(
                        new RosterEdit.Student("ada", "ada@school.org", true),
                        new RosterEdit.Student("bob", null, false)));
        assertEquals(
                "users:\n  allowed:\n  - ada\n  - bob\n  admin:\n  - ada\n  emails:\n    ada: ada@school.org\nlimits:\n  memory: 2G\n",
                after);
        assertEquals(
                after,
                RosterEdit.addStudents(after, List.of(new RosterEdit.Student("bob", null, false))),
                "adding again changes nothing");
    }

    @Test
    void removingTakesThemOffEveryListAndBansThem() {
        String before = "users:\n  allowed: [ada, bob]\n  admin: [ada]\n  emails: {ada: ada@school.org}\n";
        assertEquals(
                "users:\n  allowed: [bob]\n  banned:\n  - ada\n",
                RosterEdit.removeStudents(before, List.of("ada")),
                "admin and emails, emptied, are gone");
    }

    @Test
    void rehearsalStudentsComeAndGoWithoutAnyBan() {
        String during = RosterEdit.addRehearsalStudents(
                "users:\n  allowed: [ada]\n", List.of("rehearsal-001", "rehearsal-002"));
        assertEquals("users:\n  allowed: [ada]\n  rehearsal:\n  - rehearsal-001\n  - rehearsal-002\n", during);
        assertEquals(
                "users:\n  allowed: [ada]\n",
                RosterEdit.removeStudents(during, List.of("rehearsal-001", "rehearsal-002")));
    }

    @Test
    void removingRehearsalNamesClearsWhatOlderRehearsalsBanned() {
        assertEquals(
                "users:\n  allowed: [bob]\n  banned: [eve, ada]\n",
                RosterEdit.removeStudents(
                        "users:\n  allowed: [ada, bob]\n  banned: [rehearsal-001, eve]\n",
                        List.of("ada", "rehearsal-001")));
    }

    @Test
    void aFormerAdminStaysAStudent() {
        String admins = RosterEdit.addAdmins("users:\n  banned: [ada]\n", List.of("ada"));
        assertEquals("users:\n  admin:\n  - ada\n", admins);
        assertEquals("users:\n  allowed:\n  - ada\n", RosterEdit.removeAdmins(admins, List.of("ada")));
    }

    @Test
    void anEmptyRosterLeavesNoUsersSection() {
        assertEquals("", RosterEdit.removeAdmins(RosterEdit.removeStudents("", List.of()), List.of()));
    }
}
