package io.littlehub.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentCommandsTest {
    private static final AgentCommands.ConfigOptions ADA = new AgentCommands.ConfigOptions(true, null, "ada@laptop");

    @Test
    void aProvisionWithAConfigAndAdminsHandsBothToTheAgent() {
        assertEquals(List.of("java", "-jar", "/opt/littlehub/agent/littlehub-agent.jar", "run", "provision", "--json", "--who", "ada@laptop",
                        "--diff", "--config", "/etc/littlehub/config.yaml.provision-0a1b2c3d4e5f", "--admin", "teacher", "--admin", "ta"),
                AgentCommands.runPlaybook("provision", "/etc/littlehub/config.yaml.provision-0a1b2c3d4e5f", List.of("teacher", "ta"), false, true, ADA));
    }

    @Test
    void aReRunKeepsTheVmsConfig() {
        assertEquals(List.of("java", "-jar", "/opt/littlehub/agent/littlehub-agent.jar", "run", "provision", "--json", "--who", "ada@laptop", "--check"),
                AgentCommands.runPlaybook("provision", null, List.of(), true, false, ADA));
    }
}
