package io.littlehub.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentCommandsTest {
    private static final AgentCommands.ConfigOptions ADA = new AgentCommands.ConfigOptions(true, null, "ada@laptop");

    @Test
    void aProvisionWithAConfigAndAdminsHandsBothToTheAgent() {
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/agent/littlehub-agent.jar", "run", "provision", "--json", "--who", "ada@laptop",
                        "--diff", "--config", "/etc/littlehub/config.yaml.provision-0a1b2c3d4e5f", "--admin", "teacher", "--admin", "ta"),
                AgentCommands.runPlaybook("provision", "/etc/littlehub/config.yaml.provision-0a1b2c3d4e5f", List.of("teacher", "ta"), false, true, ADA));
    }

    @Test
    void aReRunKeepsTheVmsConfig() {
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/agent/littlehub-agent.jar", "run", "provision", "--json", "--who", "ada@laptop", "--check"),
                AgentCommands.runPlaybook("provision", null, List.of(), true, false, ADA));
    }

    @Test
    void provisionAndUpgradeRunThePushedAgentEverythingElseTheHubsOwn() {
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/agent/littlehub-agent.jar", "upgrade", "--json", "--who", "ada@laptop",
                        "--to", "0.6.0"),
                AgentCommands.upgrade("0.6.0", ADA));
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/current/littlehub-agent.jar", "rollback", "--json", "--who", "ada@laptop"),
                AgentCommands.verb(List.of("rollback"), List.of(), ADA, List.of()));
    }

    @Test
    void passwordsTravelOnStdinNeverInTheArgv() {
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/current/littlehub-agent.jar", "passwords", "--json",
                        "--set-from-stdin", "--if-unset", "--", "teacher", "ada"),
                AgentCommands.passwords(List.of("teacher", "ada"), true, true));
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/current/littlehub-agent.jar", "passwords", "--json",
                        "--set-from-stdin", "--", "teacher"),
                AgentCommands.passwords(List.of("teacher"), true, false));
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/current/littlehub-agent.jar", "passwords", "--json"),
                AgentCommands.passwords(List.of(), false, true));
    }

    @Test
    void rosterCommandsPutNamesAfterTheOptions() {
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/current/littlehub-agent.jar", "remove-student", "--wait", "5",
                        "--who", "ada@laptop", "--archive", "--", "bob", "carol"),
                AgentCommands.verb(List.of("remove-student"), List.of("--archive"), new AgentCommands.ConfigOptions(false, 5, "ada@laptop"), List.of("bob", "carol")));
    }

    @Test
    void envCommandsPutPackagesAfterTheOptionsSoNoneIsReadAsAnOption() {
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/current/littlehub-agent.jar", "env", "install", "--json", "--who", "ada@laptop",
                        "--", "numpy==2.1", "--index-url=https://x"),
                AgentCommands.verb(List.of("env", "install"), List.of(), ADA, List.of("numpy==2.1", "--index-url=https://x")));
        assertEquals(List.of("env", "LC_ALL=C.UTF-8", "java", "-jar", "/opt/littlehub/current/littlehub-agent.jar", "env", "rebuild", "--pins"),
                AgentCommands.verb(List.of("env", "rebuild"), List.of("--pins"), AgentCommands.ConfigOptions.NONE, List.of()));
    }
}
