package io.littlehub.agent.students;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameListTest {
    @Test
    void namesThatDifferOnlyByCaseAreOneUser() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        NameList names = new NameList().addAll(List.of("Alice", "alice", "BOB"));
        assertFalse(names.report(new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(List.of("alice", "bob"), names.names());
        assertEquals("note: \"Alice\" and \"alice\" are the same user: alice\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void oneBadNameChangesNothingAndAllProblemsAreListed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        NameList names = new NameList().addAll(List.of("ada", "a b", "$(id)"));
        assertTrue(names.report(new PrintStream(err, true, StandardCharsets.UTF_8)));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"a b\" is not a user name") && text.contains("\"$(id)\" is not a user name"), text);
        assertTrue(text.endsWith("nothing changed: 2 names need fixing\n"), text);
    }

    @Test
    void aRealStudentCannotHaveARehearsalName() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        NameList names = new NameList().addAll(List.of("ada", "Rehearsal-Bob"));
        names.refuseRehearsalNames();
        assertTrue(names.report(new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(
                "rehearsal-bob: names starting with \"rehearsal-\" are reserved for the temporary students of"
                        + " `littlehub rehearse`; give the student another name, like bob\n"
                        + "nothing changed: 1 name needs fixing\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
