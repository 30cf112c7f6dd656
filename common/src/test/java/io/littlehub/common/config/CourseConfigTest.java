package io.littlehub.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** course.* (nbgrader) and users.groups: what is accepted, and each refusal names the key and the fix. */
class CourseConfigTest {
    private static final ConfigValidator VALIDATOR = new ConfigValidator();

    private static List<String> problems(String yaml) {
        return VALIDATOR.validateLanguage(yaml).stream()
                .map(ConfigProblem::toString)
                .toList();
    }

    @Test
    void aCourseWithNbgraderInstructorsAndGroupsIsAccepted() {
        assertEquals(List.of(), problems("""
                users:
                  admin: [teacher]
                  allowed: [ada, bob, ta]
                  groups:
                    team-a: {members: [ada, ta], shared_folder: true}
                    team-b: {members: [bob]}
                course: {name: Data 101, id: data101, instructors: [teacher, ta], nbgrader: {enabled: true}}
                """));
    }

    @Test
    void aCourseIdThatIsNotAnIdentifierIsRefused() {
        assertEquals(
                List.of("line 1: course.id: \"data 101!\" is not a valid course id: use 1 to 64 letters a-z or A-Z,"
                        + " digits or _, starting with a letter or _, like data101"),
                problems("course: {id: \"data 101!\", nbgrader: {enabled: true}}\n"));
    }

    @Test
    void nbgraderWithoutACourseIdIsRefused() {
        assertEquals(
                List.of("line 2: course.id: is needed when course.nbgrader.enabled is true: name the course, like"
                        + " `littlehub config set course.id data101`"),
                problems("course:\n  nbgrader: {enabled: true}\n"));
    }

    @Test
    void instructorsAndGroupMembersMustBeOnTheRoster() {
        assertEquals(
                List.of(
                        "line 4: users.groups.team-a.members: \"zed\" is not on the roster (users.admin or"
                                + " users.allowed): add them with `littlehub add-student zed`, or remove zed from"
                                + " users.groups.team-a.members",
                        "line 5: course.instructors: \"mallory\" is not on the roster (users.admin or users.allowed):"
                                + " add them with `littlehub add-student mallory`, or remove mallory from"
                                + " course.instructors"),
                problems("""
                        users:
                          allowed: [ada]
                          groups:
                            team-a: {members: [ada, zed]}
                        course: {id: c1, instructors: [mallory], nbgrader: {enabled: true}}
                        """));
    }

    @Test
    void aGroupNameThatCannotBeAUnixGroupIsRefused() {
        assertEquals(
                List.of(
                        "line 1: users.groups.Team A: \"Team A\" is not a valid group name: use 1 to 16 lowercase letters"
                                + " a-z, digits or -, starting with a letter, like team-a"),
                problems("users: {groups: {Team A: {members: []}}}\n"));
    }
}
