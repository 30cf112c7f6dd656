package io.littlehub.common.students;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudentNamesTest {
    @ParameterizedTest
    @CsvSource({
        "Ada,ada",
        "' alice ',alice",
        "ADA.Lovelace@School.org,ada.lovelace@school.org",
        "student-07,student-07",
        "7up,7up",
        "a_b,a_b"
    })
    void normalizesLikeJupyterHub(String typed, String name) {
        assertEquals(name, StudentNames.normalize(typed));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                ";rm -rf /|\";rm -rf /\" is not a user name: it contains \";\", a space, \"/\"; use only letters a-z, digits, \".\", \"_\", \"@\" and \"-\", like ada.lovelace or student-07",
                "../x|\"../x\" is not a user name: it contains \"/\"; use only letters a-z, digits, \".\", \"_\", \"@\" and \"-\", like ada.lovelace or student-07",
                "$(id)|\"$(id)\" is not a user name: it contains \"$\", \"(\", \")\"; use only letters a-z, digits, \".\", \"_\", \"@\" and \"-\", like ada.lovelace or student-07",
                "a b|\"a b\" is not a user name: it contains a space; use only letters a-z, digits, \".\", \"_\", \"@\" and \"-\", like ada.lovelace or student-07; suggested: a.b",
                "\u0430lice|\"\u0430lice\" is not a user name: it contains \"\u0430\" (U+0430 CYRILLIC SMALL LETTER A); use only letters a-z, digits, \".\", \"_\", \"@\" and \"-\", like ada.lovelace or student-07",
                "\u212Aate|\"\u212Aate\" is not a user name: it contains \"\u212A\" (U+212A KELVIN SIGN); use only letters a-z, digits, \".\", \"_\", \"@\" and \"-\", like ada.lovelace or student-07",
                "-x|\"-x\" is not a user name: it must start with a letter or a digit",
                ".hidden|\".hidden\" is not a user name: it must start with a letter or a digit",
            })
    void refusesWithTheOffendingCharacters(String typed, String message) {
        assertEquals(
                message,
                assertThrows(IllegalArgumentException.class, () -> StudentNames.normalize(typed))
                        .getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "José Núñez|jose.nunez",
                "  Zoë  |zoe",
                "Seán O'Brien|sean.obrien",
                "Groß|gross",
                "Ægir Ørn|aegir.orn",
                "Łukasz|lukasz",
                "Zoe\u0308|zoe",
                "Ada\u00a0 Lovelace|ada.lovelace",
                "İpek|ipek",
                "- Ana -|ana"
            })
    void aPersonsNameGetsASafeSuggestion(String typed, String suggestion) {
        assertEquals(java.util.Optional.of(suggestion), StudentNames.suggest(typed));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"$(id)", "../x", "\u0430lice", "\u212Aate", "\uff41da", "李雷", "a;b", "ada\u0000x"})
    void noSuggestionForOtherAlphabetsLookAlikesOrShellCharacters(String typed) {
        assertEquals(java.util.Optional.empty(), StudentNames.suggest(typed), typed);
    }

    @Test
    void refusesLongAndEmptyNames() {
        String long200 = "a".repeat(200);
        assertEquals(
                "\"" + "a".repeat(32) + "…\" is 200 characters long: a user name has at most 64; use a shorter one",
                assertThrows(IllegalArgumentException.class, () -> StudentNames.normalize(long200))
                        .getMessage());
        assertEquals("a".repeat(64), StudentNames.normalize("a".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> StudentNames.normalize("  "));
        assertThrows(IllegalArgumentException.class, () -> StudentNames.normalize("ada\nbob"));
    }
}
