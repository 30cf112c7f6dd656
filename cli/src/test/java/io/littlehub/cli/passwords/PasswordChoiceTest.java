package io.littlehub.cli.passwords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.transport.ScriptedPrompter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An admin's password: typed twice, made up when nobody can be asked, never a short or mistyped one. */
class PasswordChoiceTest {
    @Test
    void typedTwiceTheSame() {
        ScriptedPrompter p = new ScriptedPrompter().answer("my-admin-pass").answer("my-admin-pass");
        PasswordChoice.Chosen c = PasswordChoice.of(null, "--x", p, 8).choose("teacher");
        assertEquals(new PasswordChoice.Chosen("my-admin-pass", false, "typed"), c);
        assertEquals(2, p.asked.size());
    }

    @Test
    void aMismatchOrAShortOneIsAskedAgain() {
        ScriptedPrompter p = new ScriptedPrompter()
                .answer("short")
                .answer("first-try-pass")
                .answer("first-typo-pass")
                .answer("second-try-pass")
                .answer("second-try-pass");
        assertEquals(
                "second-try-pass",
                PasswordChoice.of(null, "--x", p, 8).choose("teacher").password());
        assertTrue(p.shown.contains("the password is too short: use at least 8 characters"), p.shown.toString());
        assertTrue(p.shown.contains("The two did not match; try again."), p.shown.toString());
    }

    @Test
    void anEmptyAnswerOrNobodyToAskMakesOneUp() {
        PasswordChoice.Chosen typedNothing = PasswordChoice.of(null, "--x", new ScriptedPrompter().answer(""), 8)
                .choose("teacher");
        assertTrue(typedNothing.generated());
        PasswordChoice.Chosen noTerminal =
                PasswordChoice.of(null, "--x", ScriptedPrompter.nobody(), 8).choose("teacher");
        assertTrue(noTerminal.generated());
        assertEquals("generated", noTerminal.source());
        assertTrue(PasswordChoice.of(null, "--x", null, 8).choose("teacher").generated());
    }

    @Test
    void madeUpPasswordsAreLongReadableAndDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String p = GeneratedPassword.next();
            assertTrue(p.matches("[a-hjkmnp-z2-9]{5}(-[a-hjkmnp-z2-9]{5}){3}"), p);
            seen.add(p);
        }
        assertEquals(200, seen.size());
        assertNotEquals(GeneratedPassword.next(), GeneratedPassword.next());
        assertFalse(PasswordChoice.of(null, "--x", null, 8).fromFile());
    }
}
