package io.littlehub.cli.remote;

import static io.littlehub.cli.remote.Argv.ADA;
import static io.littlehub.cli.remote.Argv.ADA_WAITS;
import static io.littlehub.cli.remote.Argv.HUB_AGENT;
import static io.littlehub.cli.remote.Argv.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.cli.remote.RosterCommands.Home;
import io.littlehub.common.students.RosterCsv;
import java.util.List;
import org.junit.jupiter.api.Test;

class RosterCommandsTest {
    @Test
    void addStudentPutsTheCsvRowsOptionsFirstAndEveryNameAfterTheDashes() {
        List<RosterCsv.Entry> csv = List.of(
                new RosterCsv.Entry("carol", "carol@school.example", true, 2),
                new RosterCsv.Entry("dan", null, false, 3),
                new RosterCsv.Entry("eve", "eve@school.example", false, 4));
        assertEquals(
                of(
                        HUB_AGENT,
                        "add-student",
                        "--wait",
                        "5",
                        "--who",
                        "ada@laptop",
                        "--admin",
                        "carol",
                        "--email",
                        "carol=carol@school.example",
                        "--email",
                        "eve=eve@school.example",
                        "--",
                        "bob",
                        "-x",
                        "carol",
                        "dan",
                        "eve"),
                RosterCommands.addStudent(List.of("bob", "-x"), csv, ADA_WAITS));
        assertEquals(
                of(HUB_AGENT, "add-student", "--json", "--who", "ada@laptop", "--", "bob"),
                RosterCommands.addStudent(List.of("bob"), List.of(), ADA));
    }

    @Test
    void rehearsalStudentsGoToTheirOwnList() {
        assertEquals(
                of(HUB_AGENT, "add-student", "--json", "--who", "ada@laptop", "--rehearsal", "--", "rehearsal-001"),
                RosterCommands.addRehearsalStudents(List.of("rehearsal-001"), ADA));
    }

    @Test
    void removeStudentSaysWhatHappensToTheHome() {
        assertEquals(
                of(
                        HUB_AGENT,
                        "remove-student",
                        "--wait",
                        "5",
                        "--who",
                        "ada@laptop",
                        "--archive",
                        "--",
                        "bob",
                        "carol"),
                RosterCommands.removeStudent(List.of("bob", "carol"), Home.ARCHIVE, ADA_WAITS));
        assertEquals(
                of(HUB_AGENT, "remove-student", "--json", "--who", "ada@laptop", "--delete-home", "--", "bob"),
                RosterCommands.removeStudent(List.of("bob"), Home.DELETE, ADA));
        assertEquals(
                of(HUB_AGENT, "remove-student", "--json", "--who", "ada@laptop", "--", "bob"),
                RosterCommands.removeStudent(List.of("bob"), Home.KEEP, ADA));
    }

    @Test
    void theOtherRosterCommands() {
        assertEquals(of(HUB_AGENT, "students", "--json"), RosterCommands.students(new AgentOptions(true, null, null)));
        assertEquals(of(HUB_AGENT, "students"), RosterCommands.students(AgentOptions.NONE));
        assertEquals(
                of(HUB_AGENT, "add-admin", "--json", "--who", "ada@laptop", "--", "teacher", "ta"),
                RosterCommands.addAdmin(List.of("teacher", "ta"), ADA));
        assertEquals(
                of(HUB_AGENT, "remove-admin", "--wait", "5", "--who", "ada@laptop", "--", "ta"),
                RosterCommands.removeAdmin(List.of("ta"), ADA_WAITS));
        assertEquals(
                of(HUB_AGENT, "reset-password", "--", "-bob"), RosterCommands.resetPassword("-bob", AgentOptions.NONE));
    }

    @Test
    void passwordsTravelOnStdinNeverInTheArgv() {
        assertEquals(
                of(HUB_AGENT, "passwords", "--json", "--set-from-stdin", "--if-unset", "--", "teacher", "ada"),
                RosterCommands.passwords(List.of("teacher", "ada"), true, true));
        assertEquals(
                of(HUB_AGENT, "passwords", "--json", "--set-from-stdin", "--", "teacher"),
                RosterCommands.passwords(List.of("teacher"), true, false));
        assertEquals(
                of(HUB_AGENT, "passwords", "--json", "--", "teacher"),
                RosterCommands.passwords(List.of("teacher"), false, true));
        assertEquals(of(HUB_AGENT, "passwords", "--json"), RosterCommands.passwords(List.of(), false, false));
    }
}
