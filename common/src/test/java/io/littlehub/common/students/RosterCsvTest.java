package io.littlehub.common.students;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RosterCsvTest {
    @Test
    void readsNameEmailAndAdminInAnyOrder() {
        RosterCsv.Result r = RosterCsv.parse("roster.csv", "\uFEFFEmail,Name,Admin\r\nada@school.org,Ada,yes\r\n\"bob@school.org\",\"Bob\",\n\n,carol,no\n");
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(new RosterCsv.Entry("ada", "ada@school.org", true, 2), new RosterCsv.Entry("bob", "bob@school.org", false, 3),
                new RosterCsv.Entry("carol", null, false, 5)), r.entries());
    }

    @Test
    void everyProblemNamesItsLine() {
        RosterCsv.Result r = RosterCsv.parse("roster.csv", "name,email,admin\nada,,maybe\n$(id),,\nbob,not-an-email,\n\"carol,,\n");
        assertEquals(List.of(
                "roster.csv line 2: admin is \"maybe\": write yes or no (or leave it empty)",
                "roster.csv line 3: \"$(id)\" is not a user name: it contains \"$\", \"(\", \")\"; use only letters a-z, digits, \".\", \"_\", \"@\" and \"-\", like ada.lovelace or student-07",
                "roster.csv line 4: \"not-an-email\" is not an e-mail address: leave it empty or write one like ada@school.example.org",
                "roster.csv line 5: a quoted field is not closed: end it with \""), r.problems());
        assertEquals(List.of(), r.entries());
    }

    @Test
    void needsAHeaderWithANameColumn() {
        assertEquals(List.of("roster.csv line 1: no name column: the first line must name the columns, like name,email,admin"),
                RosterCsv.parse("roster.csv", "ada\nbob\n").problems());
        assertEquals(List.of("roster.csv: the file is empty: write a header line (name,email,admin) and one student a line"),
                RosterCsv.parse("roster.csv", "\n").problems());
    }

    @Test
    void quotedFieldsKeepCommasAndQuotes() {
        assertEquals(List.of("Lovelace, Ada", "say \"hi\"", ""), RosterCsv.fields("\"Lovelace, Ada\",\"say \"\"hi\"\"\","));
    }
}
