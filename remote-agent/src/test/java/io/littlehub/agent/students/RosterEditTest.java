package io.littlehub.agent.students;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RosterEditTest {
    @Test
    void addingPutsStudentsOnTheRosterAndUnbansThem() {
        String before = "users:\n  banned: [bob]\nlimits:\n  memory: 2G\n";
        String after = RosterEdit.addStudents(before, List.of(new RosterEdit.Student("ada", "ada@school.org", true),
                new RosterEdit.Student("bob", null, false)));
        assertEquals("users:\n  allowed:\n  - ada\n  - bob\n  admin:\n  - ada\n  emails:\n    ada: ada@school.org\nlimits:\n  memory: 2G\n", after);
        assertEquals(after, RosterEdit.addStudents(after, List.of(new RosterEdit.Student("bob", null, false))), "adding again changes nothing");
    }

    @Test
    void removingTakesThemOffEveryListAndBansThem() {
        String before = "users:\n  allowed: [ada, bob]\n  admin: [ada]\n  emails: {ada: ada@school.org}\n";
        assertEquals("users:\n  allowed: [bob]\n  banned:\n  - ada\n", RosterEdit.removeStudents(before, List.of("ada")),
                "admin and emails, emptied, are gone");
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
