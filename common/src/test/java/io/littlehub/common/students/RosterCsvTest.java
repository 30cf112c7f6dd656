package io.littlehub.common.students;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rosters in the shapes schools export them (files in test resources rosters/), read as the laptop and agent do. */
class RosterCsvTest {
    private static final String USE_ONLY =
            "; use only letters a-z, digits, \".\", \"_\", \"@\" and \"-\", like ada.lovelace or student-07";

    private static byte[] file(String name) throws IOException {
        try (InputStream in = RosterCsvTest.class.getResourceAsStream("/rosters/" + name)) {
            return in.readAllBytes();
        }
    }

    private static RosterCsv.Result read(String name, Charset encoding, boolean accept) throws IOException {
        return RosterCsv.read(name, file(name), encoding, accept);
    }

    private static RosterCsv.Entry entry(String name, String email, boolean admin, int line) {
        return new RosterCsv.Entry(name, email, admin, line);
    }

    @Test
    void excelsSemicolonsWithCrlfAndAnEmptyRow() throws IOException {
        RosterCsv.Result r = read("excel-semicolon.csv", null, false);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(), r.notes());
        assertEquals(
                List.of(
                        entry("ada", "ada@school.example.org", true, 2),
                        entry("bob", null, false, 3),
                        entry("carol", "carol@school.example.org", false, 5)),
                r.entries());
    }

    @Test
    void windows1252IsDetectedSaidAndItsAccentedNamesGetSuggestions() throws IOException {
        RosterCsv.Result refused = read("windows-1252.csv", null, false);
        assertEquals(
                List.of(
                        "windows-1252.csv line 2: \"José Núñez\" is not a user name: it contains \"é\" (U+00E9 LATIN SMALL"
                                + " LETTER E WITH ACUTE), a space, \"ú\" (U+00FA LATIN SMALL LETTER U WITH ACUTE), \"ñ\""
                                + " (U+00F1 LATIN SMALL LETTER N WITH TILDE)" + USE_ONLY + "; suggested: jose.nunez",
                        "windows-1252.csv line 3: \"Šárka\" is not a user name: it contains \"Š\" (U+0160 LATIN CAPITAL"
                                + " LETTER S WITH CARON), \"á\" (U+00E1 LATIN SMALL LETTER A WITH ACUTE)" + USE_ONLY
                                + "; suggested: sarka",
                        "windows-1252.csv: 2 names have a suggested user name: to use them, run again with"
                                + " --accept-suggestions; or write the names you want in the file"),
                refused.problems());

        RosterCsv.Result accepted = read("windows-1252.csv", null, true);
        assertEquals(List.of(), accepted.problems());
        assertEquals(
                List.of(
                        "windows-1252.csv is not UTF-8: read as Windows-1252 (Excel's CSV on Windows); if a name"
                                + " looks wrong, name its encoding with --encoding",
                        "windows-1252.csv line 2: \"José Núñez\" is jose.nunez (suggested, accepted)",
                        "windows-1252.csv line 3: \"Šárka\" is sarka (suggested, accepted)"),
                accepted.notes());
        assertEquals(
                List.of(
                        entry("jose.nunez", "jose@school.example.org", false, 2),
                        entry("sarka", null, false, 3),
                        entry("ada", null, false, 4)),
                accepted.entries());
    }

    @Test
    void aNamedEncodingIsUsedAndBytesNotInItNameTheirLine() throws IOException {
        RosterCsv.Result latin1 = read("windows-1252.csv", RosterEncoding.named("latin-1"), true);
        assertEquals(
                List.of(),
                latin1.notes().stream().filter(n -> n.contains("not UTF-8")).toList(),
                "named: no guess");
        assertEquals(
                List.of("windows-1252.csv line 3: \"\\u008aárka\" is not a user name: it contains a control"
                        + " character (U+008A), \"á\" (U+00E1 LATIN SMALL LETTER A WITH ACUTE)" + USE_ONLY),
                latin1.problems(),
                "0x8A is a control character in Latin-1, Š in Windows-1252");
        assertEquals(
                List.of("windows-1252.csv line 2: byte 0xE9 is not UTF-8: save the file as UTF-8, or name the"
                        + " encoding it is in with --encoding (windows-1252 is Excel's CSV on Windows)"),
                read("windows-1252.csv", RosterEncoding.named("UTF-8"), false).problems());
        assertEquals(StandardCharsets.ISO_8859_1, RosterEncoding.named("latin1"));
        assertEquals(Charset.forName("windows-1252"), RosterEncoding.named("cp1252"));
        assertEquals(
                "--encoding klingon is not an encoding this Java knows: use utf-8, windows-1252 (Excel's CSV on"
                        + " Windows) or latin-1",
                assertThrows(IllegalArgumentException.class, () -> RosterEncoding.named("klingon"))
                        .getMessage());
    }

    @Test
    void aByteOrderMarkIsNoPartOfTheFirstColumnsName() throws IOException {
        RosterCsv.Result r = read("utf8-bom.csv", null, false);
        assertEquals(List.of(), r.problems());
        assertEquals(
                List.of(entry("zoe", "zoe@school.example.org", true, 2), entry("bob", null, false, 3)), r.entries());
        byte[] utf16 = "\uFEFFname\tadmin\r\nzoe\tyes\r\n".getBytes(StandardCharsets.UTF_16LE);
        assertEquals(
                List.of(entry("zoe", null, true, 2)),
                RosterCsv.read("unicode.txt", utf16, null, false).entries(),
                "Excel's \"Unicode text\": UTF-16 with a BOM, tab-separated");
    }

    @Test
    void quotedFieldsOverSeveralLinesKeepTheLinesOfWhatFollows() throws IOException {
        RosterCsv.Result r = read("quoted-multiline.csv", null, false);
        assertEquals(List.of(), r.problems());
        assertEquals(
                List.of(
                        entry("ada", "ada@school.example.org", true, 2),
                        entry("bob", null, false, 4),
                        entry("carol", null, false, 8)),
                r.entries());
        String text = "name,notes\nada,\"one\ntwo\"\n$(id),\nbob,\"never closed\ncarol,\n";
        RosterCsv.Result bad = RosterCsv.parse("r.csv", text, false);
        assertEquals(
                List.of(
                        "r.csv line 4: \"$(id)\" is not a user name: it contains \"$\", \"(\", \")\"" + USE_ONLY,
                        "r.csv line 5: a quoted field is not closed: end it with \""),
                bad.problems());
        assertEquals(
                List.of("r.csv line 3: text after a closing quote: quote the whole field, and write a quote inside"
                        + " one as \"\""),
                RosterCsv.parse("r.csv", "name,notes\nada,\n\"bob\" jr,\n", false)
                        .problems());
    }

    @Test
    void namesAsPeopleWriteThemAreSuggestedNeverTakenSilently() throws IOException {
        RosterCsv.Result refused = read("accented-names.csv", null, false);
        List<String> suggested =
                List.of("jose.nunez", "zoe", "ada.lovelace", "sean.obrien", "bjork.gudmundsdottir", "jurgen.gross");
        assertEquals(
                suggested,
                refused.problems().stream()
                        .filter(p -> p.contains("; suggested: "))
                        .map(p -> p.substring(p.indexOf("; suggested: ") + 13))
                        .toList());
        assertEquals(
                List.of(entry("ada", null, false, 8)),
                refused.entries(),
                "refused lines are left out, and the" + " caller changes nothing while there are problems");

        RosterCsv.Result accepted = read("accented-names.csv", null, true);
        assertEquals(List.of(), accepted.problems());
        assertEquals(
                java.util.stream.Stream.concat(suggested.stream(), java.util.stream.Stream.of("ada"))
                        .toList(),
                accepted.entries().stream().map(RosterCsv.Entry::name).toList());
        assertEquals(6, accepted.notes().size(), "every suggestion taken is said: " + accepted.notes());
    }

    @Test
    void aSuggestionEqualToAnotherLinesNameIsRefusedEvenWhenAccepted() {
        RosterCsv.Result r = RosterCsv.parse("r.csv", "name\nJosé\njose\nZoë\nZoe\u0308\n", true);
        String fix = ": write another name for one of them in the file";
        assertEquals(
                List.of(
                        "r.csv line 3: \"jose\" would be jose, like line 2" + fix,
                        "r.csv line 5: \"Zoe\u0308\" would be zoe, like line 4" + fix),
                r.problems());
    }

    @Test
    void everyProblemNamesItsLine() {
        String text = "name,email,admin\nada,,maybe\n$(id),,\nbob,not-an-email,\n\"carol,,\n";
        RosterCsv.Result r = RosterCsv.parse("roster.csv", text, false);
        assertEquals(
                List.of(
                        "roster.csv line 2: admin is \"maybe\": write yes or no (or leave it empty)",
                        "roster.csv line 3: \"$(id)\" is not a user name: it contains \"$\", \"(\", \")\"" + USE_ONLY,
                        "roster.csv line 4: \"not-an-email\" is not an e-mail address: leave it empty or write one like"
                                + " ada@school.example.org",
                        "roster.csv line 5: a quoted field is not closed: end it with \""),
                r.problems());
        assertEquals(List.of(), r.entries());
    }

    @Test
    void needsAHeaderWithANameColumn() {
        assertEquals(
                List.of("roster.csv line 1: no name column: the first line must name the columns, like"
                        + " name,email,admin (it names Vorname, Nachname)"),
                RosterCsv.parse("roster.csv", "Vorname;Nachname\nAda;Lovelace\n", false)
                        .problems());
        assertEquals(
                List.of("roster.csv: the file is empty: write a header line (name,email,admin) and one student"
                        + " a line"),
                RosterCsv.parse("roster.csv", "\n", false).problems());
    }

    @Test
    void theSeparatorIsTheHeaderLines() {
        assertEquals(';', RosterCsv.separator("name;email;admin\nada;a,b@x.org;\n"));
        assertEquals('\t', RosterCsv.separator("name\temail\n"));
        assertEquals(',', RosterCsv.separator("\"Name; Vorname\",email\n"), "a ; inside quotes is no separator");
        assertEquals(',', RosterCsv.separator("name\n"));
    }
}
