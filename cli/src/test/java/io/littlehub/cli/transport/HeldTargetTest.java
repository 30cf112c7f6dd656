package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What a holder is told of its target, and what names its socket. */
class HeldTargetTest {
    private static final ResolvedTarget JUMP = new ResolvedTarget(
            "bastion",
            "198.51.100.1",
            22,
            "ops",
            List.of(),
            false,
            null,
            null,
            Path.of("/home/t/.ssh/known_hosts"),
            ResolvedTarget.HostKeyPolicy.STRICT,
            List.of());

    private static ResolvedTarget target(int port, String agentSocket, Path knownHosts) {
        return new ResolvedTarget(
                "hub",
                "203.0.113.7",
                port,
                "teacher",
                List.of(Path.of("/home/t/.ssh/id_ed25519"), Path.of("/home/t/keys/class key")),
                true,
                agentSocket,
                JUMP,
                knownHosts,
                ResolvedTarget.HostKeyPolicy.ASK,
                List.of());
    }

    @Test
    void aTargetWithItsJumpHostComesBackTheSame() {
        ResolvedTarget t = target(2222, "/tmp/ssh-x/agent.1", Path.of("/home/t/.ssh/known_hosts"));
        assertEquals(t, HeldTarget.read(HeldTarget.write(t)));
        assertEquals(JUMP, HeldTarget.read(HeldTarget.write(JUMP)));
    }

    @Test
    void theKeyNamesEverythingButTheAgentsSocket() {
        Path kh = Path.of("/home/t/.ssh/known_hosts");
        String key = HeldTarget.key(target(2222, "/tmp/ssh-x/agent.1", kh));
        assertEquals(20, key.length());
        assertEquals(key, HeldTarget.key(target(2222, "/tmp/ssh-y/agent.2", kh)), "each terminal has its own agent");
        assertNotEquals(key, HeldTarget.key(target(22, "/tmp/ssh-x/agent.1", kh)));
        assertNotEquals(key, HeldTarget.key(target(2222, "/tmp/ssh-x/agent.1", Path.of("/tmp/vm/known_hosts"))));
    }

    @Test
    void aMissingPropertyIsNamed() {
        Properties p = HeldTarget.write(JUMP);
        p.remove("known_hosts");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeldTarget.read(p));
        assertEquals("the kept connection's target has no known_hosts", e.getMessage());
    }
}
