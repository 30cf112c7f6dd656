package io.littlehub.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.ExitCodes;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** add-student reads the roster file on the laptop: its problems, notes and option mistakes come before any hub. */
class AddStudentCommandTest {
    private static final String NO_HUB = "no hub is known on this laptop yet";

    @TempDir
    Path dir;

    private LaptopCommands laptop;
    private Path roster;

    @BeforeEach
    void anExcelRoster() throws Exception {
        laptop = new LaptopCommands(dir);
        roster = dir.resolve("klasse.csv");
        Files.write(
                roster,
                "Name;E-Mail\r\nJosé Núñez;jose@school.example.org\r\nada;\r\n"
                        .getBytes(Charset.forName("windows-1252")));
    }

    private int addStudent(String... options) {
        List<String> args = new ArrayList<>(List.of("add-student", "--csv", roster.toString()));
        args.addAll(List.of(options));
        return laptop.littlehub(args.toArray(String[]::new));
    }

    @Test
    void aRehearsalNameIsRefusedBeforeAnythingConnects() throws Exception {
        Files.writeString(roster, "name\nada\nRehearsal-Bob\n");
        assertEquals(
                ExitCodes.INVALID_CONFIG, laptop.littlehub("add-student", "rehearsal-7", "--csv", roster.toString()));
        String err = laptop.err();
        assertTrue(
                err.contains("littlehub: rehearsal-7: names starting with \"rehearsal-\" are reserved for the"
                                + " temporary students of `littlehub rehearse`; give the student another name, like 7")
                        && err.contains("littlehub: rehearsal-bob: names starting with")
                        && err.contains("nothing changed")
                        && !err.contains(NO_HUB),
                err);
    }

    @Test
    void accentedNamesAreRefusedWithSuggestionsBeforeAnythingConnects() {
        assertEquals(ExitCodes.INVALID_CONFIG, addStudent());
        String err = laptop.err();
        assertTrue(
                err.contains("klasse.csv line 2: \"José Núñez\" is not a user name")
                        && err.contains("suggested: jose.nunez")
                        && err.contains("run again with --accept-suggestions")
                        && err.contains("nothing changed")
                        && !err.contains(NO_HUB),
                err);
    }

    @Test
    void acceptedSuggestionsAreSaidThenTheHubIsLookedFor() {
        assertEquals(ExitCodes.USAGE, addStudent("--accept-suggestions"));
        String err = laptop.err();
        assertTrue(
                err.contains("klasse.csv is not UTF-8: read as Windows-1252")
                        && err.contains("klasse.csv line 2: \"José Núñez\" is jose.nunez (suggested, accepted)")
                        && err.contains(NO_HUB),
                err);
    }

    @Test
    void encodingOptionsNeedARosterAndAKnownEncoding() {
        assertEquals(ExitCodes.USAGE, laptop.littlehub("add-student", "ada", "--encoding", "utf-8"));
        assertTrue(
                laptop.err().contains("--encoding and --accept-suggestions are for a roster file: give --csv FILE"),
                laptop.err());
        assertEquals(ExitCodes.USAGE, addStudent("--encoding", "klingon"));
        assertTrue(
                laptop.err().contains("--encoding klingon is not an encoding this Java knows: use utf-8")
                        && !laptop.err().contains("java."),
                laptop.err());
        assertEquals(ExitCodes.INVALID_CONFIG, addStudent("--encoding", "utf-8"));
        assertTrue(laptop.err().contains("klasse.csv line 2: byte 0xE9 is not UTF-8"), laptop.err());
    }
}
