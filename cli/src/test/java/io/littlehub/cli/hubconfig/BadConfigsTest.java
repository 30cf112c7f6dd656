package io.littlehub.cli.hubconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.config.ConfigProblem;
import io.littlehub.common.config.ConfigValidator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The laptop's validator (the one `config validate` and `edit` use) reports exactly the table's problems. */
class BadConfigsTest {
    @ParameterizedTest(name = "{0}")
    @FieldSource("io.littlehub.cli.hubconfig.BadConfigs#ALL")
    void theValidatorReportsExactlyTheseProblems(BadConfigs.Bad bad) {
        assertEquals(
                bad.problems(),
                new ConfigValidator()
                        .validate(bad.yaml()).stream()
                                .map(ConfigProblem::toString)
                                .toList());
    }

    @Test
    void thereAreAtLeastThirty() {
        assertTrue(BadConfigs.ALL.size() >= 30, "size " + BadConfigs.ALL.size());
        assertEquals(
                BadConfigs.ALL.size(),
                BadConfigs.ALL.stream().map(BadConfigs.Bad::name).distinct().count());
    }

    @Test
    void problemsOfNothing() {
        assertEquals(List.of(), new ConfigValidator().validate("limits:\n  memory: 2G\n"));
    }
}
