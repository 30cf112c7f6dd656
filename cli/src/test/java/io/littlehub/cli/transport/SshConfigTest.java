package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SshConfigTest {
    private static final String CONFIG = """
            # global defaults come first
            ServerAliveInterval 30

            Host class-vm
                HostName 203.0.113.7
                User ubuntu
                Port 2222
                IdentityFile ~/.ssh/class_ed25519

            Host *.lab !bastion.lab
              User labuser
              ProxyJump admin@bastion.lab:2200

            Host bastion.lab
              User admin

            Host *
              User fallback
              Port 22
              IdentityFile ~/.ssh/id_everywhere
            """;

    @Test
    void firstMatchWinsPerKeyAndIdentityFilesAccumulate() {
        HostConfig c = SshConfig.parse(CONFIG).lookup("class-vm");
        assertEquals("203.0.113.7", c.hostName());
        assertEquals("ubuntu", c.user());
        assertEquals(2222, c.port());
        assertEquals(List.of("~/.ssh/class_ed25519", "~/.ssh/id_everywhere"), c.identityFiles());
        assertNull(c.proxyJump());
    }

    @Test
    void patternsAndNegation() {
        HostConfig vm = SshConfig.parse(CONFIG).lookup("vm3.lab");
        assertEquals("labuser", vm.user());
        assertEquals("admin@bastion.lab:2200", vm.proxyJump());
        assertNull(vm.hostName());
        assertEquals(22, vm.port());

        HostConfig bastion = SshConfig.parse(CONFIG).lookup("bastion.lab");
        assertEquals("admin", bastion.user());
        assertNull(bastion.proxyJump(), "the negated pattern keeps the bastion out of the *.lab block");
    }

    @Test
    void unmatchedHostGetsOnlyTheCatchAll() {
        HostConfig c = SshConfig.parse(CONFIG).lookup("elsewhere.org");
        assertEquals("fallback", c.user());
        assertEquals(List.of("~/.ssh/id_everywhere"), c.identityFiles());
    }

    @Test
    void equalsSignsQuotesCommentsAndCase() {
        String text = """
                host=quoted
                  hostname = 10.0.0.5
                  IDENTITYFILE "~/My Keys/id ed25519"   # trailing comment
                  user "name"
                """;
        HostConfig c = SshConfig.parse(text).lookup("quoted");
        assertEquals("10.0.0.5", c.hostName());
        assertEquals(List.of("~/My Keys/id ed25519"), c.identityFiles());
        assertEquals("name", c.user());
    }

    @Test
    void linesBeforeAnyHostApplyToAll() {
        HostConfig c = SshConfig.parse("User early\nHost x\n  User late\n").lookup("x");
        assertEquals("early", c.user(), "first value wins, even from the global section");
    }

    @Test
    void matchAllAppliesAndOtherMatchBlocksAreSkippedWithAWarning() {
        String text = """
                Match host foo exec "true"
                  User skipped
                Match all
                  Port 2022
                """;
        HostConfig c = SshConfig.parse(text).lookup("foo");
        assertNull(c.user());
        assertEquals(2022, c.port());
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("Match host foo"));
    }

    @Test
    void includeIsReadWhereItAppears() {
        Map<String, List<String>> files =
                Map.of("conf.d/*", List.of("Host inc\n  HostName 192.0.2.1\n  User fromfile\n"));
        String text = """
                Include conf.d/*
                Host inc
                  User later
                """;
        HostConfig c = SshConfig.parse(text, files::get).lookup("inc");
        assertEquals("192.0.2.1", c.hostName());
        assertEquals("fromfile", c.user());
    }

    @Test
    void includeInsideANonMatchingBlockIsNotRead() {
        String text = "Host other\n  Include extra\nHost me\n  User me\n";
        HostConfig c = SshConfig.parse(text, p -> {
                    throw new AssertionError("should not be read");
                })
                .lookup("me");
        assertEquals("me", c.user());
    }

    @Test
    void badPortAndUnclosedQuoteAreClearErrors() {
        SshFailure port = assertThrows(
                SshFailure.class, () -> SshConfig.parse("Port twenty").lookup("x"));
        assertTrue(port.problem().contains("Port twenty"));
        SshFailure quote = assertThrows(SshFailure.class, () -> SshConfig.parse("Host x\n User \"oops\n"));
        assertTrue(quote.problem().contains("line 2"));
    }
}
