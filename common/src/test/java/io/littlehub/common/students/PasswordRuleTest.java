package io.littlehub.common.students;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordRuleTest {
    @Test
    void theMinimumIsLittlehubsOrTheConfigsWhenLarger() {
        assertEquals(8, PasswordRule.minimum(Map.of()));
        assertEquals(8, PasswordRule.minimum(Map.of("auth", Map.of("min_password_length", 7))));
        assertEquals(12, PasswordRule.minimum(Map.of("auth", Map.of("min_password_length", 12))));
    }

    @Test
    void eachProblemIsNamed() {
        assertEquals(Optional.empty(), PasswordRule.problem("eight ch", 8));
        assertTrue(PasswordRule.problem("", 8).orElseThrow().contains("empty"));
        assertTrue(PasswordRule.problem("seven c", 8).orElseThrow().contains("too short"));
        assertTrue(PasswordRule.problem("x".repeat(73), 8).orElseThrow().contains("longer than 72 bytes"));
        assertTrue(PasswordRule.problem("tab\tinside", 8).orElseThrow().contains("control character"));
        // Length counts characters, not bytes: eight accented letters pass.
        assertEquals(Optional.empty(), PasswordRule.problem("éééééééé", 8));
    }
}
