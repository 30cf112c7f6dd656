package io.littlehub.cli.remote;

import static io.littlehub.cli.remote.Argv.ADA;
import static io.littlehub.cli.remote.Argv.ADA_WAITS;
import static io.littlehub.cli.remote.Argv.HUB_AGENT;
import static io.littlehub.cli.remote.Argv.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserEnvCommandsTest {
    @Test
    void packagesComeAfterTheOptionsSoNoneIsReadAsAnOption() {
        assertEquals(
                of(
                        HUB_AGENT,
                        "env",
                        "install",
                        "--json",
                        "--who",
                        "ada@laptop",
                        "--",
                        "numpy==2.1",
                        "--index-url=https://x"),
                UserEnvCommands.install(List.of("numpy==2.1", "--index-url=https://x"), ADA));
        assertEquals(
                of(HUB_AGENT, "env", "remove", "--wait", "5", "--who", "ada@laptop", "--", "pandas"),
                UserEnvCommands.remove(List.of("pandas"), ADA_WAITS));
    }

    @Test
    void readsAndRebuilds() {
        assertEquals(of(HUB_AGENT, "env", "list", "--json"), UserEnvCommands.list(new AgentOptions(true, null, null)));
        assertEquals(of(HUB_AGENT, "env", "freeze"), UserEnvCommands.freeze(AgentOptions.NONE));
        assertEquals(of(HUB_AGENT, "env", "rebuild", "--pins"), UserEnvCommands.rebuild(null, true, AgentOptions.NONE));
        assertEquals(
                of(HUB_AGENT, "env", "rebuild", "--json", "--who", "ada@laptop", "--", "3"),
                UserEnvCommands.rebuild(3, false, ADA));
        assertEquals(of(HUB_AGENT, "env", "history"), UserEnvCommands.history(null, AgentOptions.NONE));
        assertEquals(of(HUB_AGENT, "env", "history", "--", "2"), UserEnvCommands.history(2, AgentOptions.NONE));
    }
}
