package io.littlehub.cli.remote;

import static io.littlehub.cli.remote.Argv.ADA;
import static io.littlehub.cli.remote.Argv.ADA_WAITS;
import static io.littlehub.cli.remote.Argv.HUB_AGENT;
import static io.littlehub.cli.remote.Argv.PUSHED_AGENT;
import static io.littlehub.cli.remote.Argv.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentCommandsTest {
    @Test
    void aProvisionWithAConfigAndAdminsHandsBothToTheAgent() {
        assertEquals(
                of(
                        PUSHED_AGENT,
                        "run",
                        "provision",
                        "--json",
                        "--who",
                        "ada@laptop",
                        "--diff",
                        "--config",
                        "/etc/littlehub/config.yaml.provision-0a1b2c3d4e5f",
                        "--admin",
                        "teacher",
                        "--admin",
                        "ta"),
                AgentCommands.runPlaybook(
                        "provision",
                        "/etc/littlehub/config.yaml.provision-0a1b2c3d4e5f",
                        List.of("teacher", "ta"),
                        false,
                        true,
                        false,
                        ADA));
    }

    @Test
    void aReRunKeepsTheVmsConfig() {
        assertEquals(
                of(PUSHED_AGENT, "run", "provision", "--json", "--who", "ada@laptop", "--check"),
                AgentCommands.runPlaybook("provision", null, List.of(), true, false, false, ADA));
        assertEquals(
                of(PUSHED_AGENT, "run", "provision", "--wait", "5", "--who", "ada@laptop"),
                AgentCommands.runPlaybook("provision", null, List.of(), false, false, false, ADA_WAITS));
    }

    @Test
    void restoresFirstProvisionHoldsTheHttpsFront() {
        assertEquals(
                of(PUSHED_AGENT, "run", "provision", "--json", "--who", "ada@laptop", "--hold-https"),
                AgentCommands.runPlaybook("provision", null, List.of(), false, false, true, ADA));
    }

    @Test
    void provisionAndUpgradeRunThePushedAgentEverythingElseTheHubsOwn() {
        assertEquals(
                of(PUSHED_AGENT, "upgrade", "--json", "--who", "ada@laptop", "--to", "0.6.0"),
                AgentCommands.upgrade("0.6.0", ADA, List.of()));
        assertEquals(of(PUSHED_AGENT, "upgrade"), AgentCommands.upgrade(null, AgentOptions.NONE, List.of()));
        assertEquals(
                of(PUSHED_AGENT, "upgrade", "--json", "--who", "ada@laptop", "--when-idle", "--idle-timeout", "20"),
                AgentCommands.upgrade(null, ADA, List.of("--when-idle", "--idle-timeout", "20")));
        assertEquals(
                of(HUB_AGENT, "rollback", "--json", "--who", "ada@laptop"), AgentCommands.rollback(ADA, List.of()));
        assertEquals(
                of(HUB_AGENT, "rollback", "--wait", "5", "--who", "ada@laptop", "--ask"),
                AgentCommands.rollback(ADA_WAITS, List.of("--ask")));
    }
}
