package io.littlehub.cli.remote;

import static io.littlehub.cli.remote.Argv.ADA;
import static io.littlehub.cli.remote.Argv.HUB_AGENT;
import static io.littlehub.cli.remote.Argv.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigCommandsTest {
    @Test
    void optionsComeBeforeTheValuesSoANegativeValueStaysAValue() {
        assertEquals(
                of(
                        HUB_AGENT,
                        "config",
                        "set",
                        "--json",
                        "--wait",
                        "0",
                        "--who",
                        "ada@laptop",
                        "--",
                        "limits.memory",
                        "-1G"),
                ConfigCommands.config("set", List.of("limits.memory", "-1G"), new AgentOptions(true, 0, "ada@laptop")));
        assertEquals(of(HUB_AGENT, "config", "show"), ConfigCommands.read("show"));
        assertEquals(
                of(HUB_AGENT, "config", "get", "--", "limits.memory"), ConfigCommands.read("get", "limits.memory"));
        assertEquals(
                of(
                        HUB_AGENT,
                        "config",
                        "apply",
                        "--json",
                        "--who",
                        "ada@laptop",
                        "--",
                        "/etc/littlehub/config.yaml.edit-0a1b2c"),
                ConfigCommands.apply("/etc/littlehub/config.yaml.edit-0a1b2c", ADA));
    }

    @Test
    void aRestartChoiceGoesWithTheOtherOptionsBeforeTheValues() {
        assertEquals(
                of(
                        HUB_AGENT,
                        "config",
                        "unset",
                        "--who",
                        "ada@laptop",
                        "--when-idle",
                        "--idle-timeout",
                        "60",
                        "--",
                        "limits.memory"),
                ConfigCommands.config(
                        "unset",
                        List.of("limits.memory"),
                        new AgentOptions(false, null, "ada@laptop"),
                        List.of("--when-idle", "--idle-timeout", "60")));
    }

    @Test
    void secretsAreShownOnlyWhenAskedForAndASecretValueIsNeverAnArgument() {
        assertEquals(
                of(HUB_AGENT, "config", "get", "--show-secrets", "--", "auth.client_secret"),
                ConfigCommands.readWithSecrets("get", "auth.client_secret"));
        assertEquals(of(HUB_AGENT, "config", "show", "--show-secrets"), ConfigCommands.readWithSecrets("show"));
        assertEquals(
                of(
                        HUB_AGENT,
                        "config",
                        "set",
                        "--value-stdin",
                        "--json",
                        "--who",
                        "ada@laptop",
                        "--",
                        "auth.admin_password"),
                ConfigCommands.setFromStdin("auth.admin_password", ADA, List.of()));
    }
}
