package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SshTargetTest {
    @Test
    void userAtHost() {
        SshTarget t = SshTarget.parse("ubuntu@203.0.113.7");
        assertEquals("ubuntu", t.user());
        assertEquals("203.0.113.7", t.host());
        assertNull(t.port());
        assertNull(t.identity());
    }

    @Test
    void hostAloneWithPortAndIdentityOverrides() {
        SshTarget t = SshTarget.parse("class-vm", 2222, Path.of("/keys/id"));
        assertNull(t.user());
        assertEquals("class-vm", t.host());
        assertEquals(2222, t.port());
        assertEquals(Path.of("/keys/id"), t.identity());
    }

    @Test
    void lastAtSplitsAndIpv6BracketsAreStripped() {
        SshTarget t = SshTarget.parse("me@corp@[2001:db8::1]");
        assertEquals("me@corp", t.user());
        assertEquals("2001:db8::1", t.host());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> SshTarget.parse(""));
        assertThrows(IllegalArgumentException.class, () -> SshTarget.parse("@host"));
        assertThrows(IllegalArgumentException.class, () -> SshTarget.parse("user@"));
        assertThrows(IllegalArgumentException.class, () -> SshTarget.parse("-oProxyCommand=x"));
        assertThrows(IllegalArgumentException.class, () -> SshTarget.parse("a b"));
        assertThrows(IllegalArgumentException.class, () -> SshTarget.parse("host", 0, null));
        assertThrows(IllegalArgumentException.class, () -> SshTarget.parse("host", 65536, null));
    }
}
