package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetResolverTest {
    @TempDir
    Path home;

    private SshOptions options() {
        return SshOptions.defaults()
                .withHome(home)
                .withPrompter(ScriptedPrompter.nobody())
                .withAgentSocket("/run/agent.sock");
    }

    private ResolvedTarget resolve(String config, SshTarget target) {
        return new TargetResolver(SshConfig.parse(config), options()).resolve(target);
    }

    @Test
    void defaultsWithoutConfig() throws IOException {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_rsa"), "x");
        Files.writeString(home.resolve(".ssh/id_ed25519"), "x");
        ResolvedTarget t = resolve("", SshTarget.parse("203.0.113.7"));
        assertEquals("203.0.113.7", t.hostName());
        assertEquals(22, t.port());
        assertEquals(System.getProperty("user.name"), t.user());
        assertEquals(
                List.of(home.resolve(".ssh/id_ed25519"), home.resolve(".ssh/id_rsa")),
                t.identityFiles(),
                "the default keys that exist, ed25519 first");
        assertEquals(home.resolve(".ssh/known_hosts"), t.knownHosts());
        assertEquals("/run/agent.sock", t.agentSocket());
        assertEquals(ResolvedTarget.HostKeyPolicy.ASK, t.hostKeyPolicy());
        assertEquals("203.0.113.7", t.knownHostsName());
    }

    @Test
    void commandLineBeatsConfigAndTokensExpand() throws IOException {
        Path key = Files.writeString(home.resolve("cli-key"), "x");
        String config = """
                Host vm
                  HostName %h.example.org
                  User cfguser
                  Port 2200
                  IdentityFile ~/.ssh/%r@%h:%p
                  IdentityFile %d/keys/%n
                """;
        ResolvedTarget t = resolve(config, SshTarget.parse("me@vm", 2222, key));
        assertEquals("vm.example.org", t.hostName());
        assertEquals("me", t.user());
        assertEquals(2222, t.port());
        assertEquals(
                List.of(key, home.resolve(".ssh/me@vm.example.org:2222"), home.resolve("keys/vm")), t.identityFiles());
        assertEquals("[vm.example.org]:2222", t.knownHostsName());
    }

    @Test
    void configValuesApplyWhenTheCommandLineIsSilent() {
        ResolvedTarget t = resolve("Host vm\n HostName 10.1.2.3\n User cfg\n Port 2200\n", SshTarget.parse("vm"));
        assertEquals("cfg", t.user());
        assertEquals(2200, t.port());
        assertEquals("10.1.2.3", t.hostName());
    }

    @Test
    void missingCommandLineIdentityIsAClearError() {
        SshFailure f =
                assertThrows(SshFailure.class, () -> resolve("", SshTarget.parse("vm", null, home.resolve("nope"))));
        assertTrue(f.problem().contains("does not exist"));
        assertTrue(f.fix().contains("-i"));
    }

    @Test
    void proxyJumpIsResolvedThroughTheConfigToo() {
        String config = """
                Host target
                  HostName 10.0.0.9
                  ProxyJump jumper@bastion:2200
                Host bastion
                  HostName bastion.example.org
                  IdentityFile /keys/bastion
                """;
        ResolvedTarget t = resolve(config, SshTarget.parse("target"));
        ResolvedTarget j = t.jump();
        assertEquals("bastion.example.org", j.hostName());
        assertEquals(2200, j.port());
        assertEquals("jumper", j.user());
        assertEquals(List.of(Path.of("/keys/bastion")), j.identityFiles());
        assertNull(j.jump());
    }

    @Test
    void multiHopProxyJumpChainsInOrder() {
        ResolvedTarget t = resolve("Host t\n ProxyJump a,b:2022\n", SshTarget.parse("t"));
        assertEquals("b", t.jump().hostName());
        assertEquals(2022, t.jump().port());
        assertEquals("a", t.jump().jump().hostName());
    }

    @Test
    void proxyJumpNoneAndProxyCommand() {
        assertNull(resolve("Host t\n ProxyJump none\nHost *\n ProxyJump x\n", SshTarget.parse("t"))
                .jump());
        SshFailure f = assertThrows(
                SshFailure.class, () -> resolve("Host t\n ProxyCommand ssh -W %h:%p bastion\n", SshTarget.parse("t")));
        assertTrue(f.fix().contains("ProxyJump"));
    }

    @Test
    void proxyJumpLoopIsStopped() {
        SshFailure f = assertThrows(SshFailure.class, () -> resolve("Host a\n ProxyJump a\n", SshTarget.parse("a")));
        assertTrue(f.problem().contains("ProxyJump"));
    }

    @Test
    void hopParsing() {
        SshTarget h = TargetResolver.parseHop("u@[2001:db8::1]:2200");
        assertEquals("u", h.user());
        assertEquals("2001:db8::1", h.host());
        assertEquals(2200, h.port());
        assertNull(TargetResolver.parseHop("2001:db8::1").port(), "bare IPv6 has no port");
        assertEquals(22, TargetResolver.parseHop("ssh://x@y:22").port());
    }

    @Test
    void knownHostsAgentAndStrictnessFromConfig() {
        String config = """
                Host t
                  UserKnownHostsFile ~/kh/%h
                  IdentityAgent none
                  StrictHostKeyChecking accept-new
                Host s
                  StrictHostKeyChecking yes
                  IdentityAgent ~/agent.sock
                """;
        ResolvedTarget t = resolve(config, SshTarget.parse("t"));
        assertEquals(home.resolve("kh/t"), t.knownHosts());
        assertNull(t.agentSocket());
        assertEquals(ResolvedTarget.HostKeyPolicy.ACCEPT_NEW, t.hostKeyPolicy());
        ResolvedTarget s = resolve(config, SshTarget.parse("s"));
        assertEquals(ResolvedTarget.HostKeyPolicy.STRICT, s.hostKeyPolicy());
        assertEquals(home.resolve("agent.sock").toString(), s.agentSocket());
        ResolvedTarget yes = new TargetResolver(
                        SshConfig.parse(config), options().withAcceptNewHostKeys(true))
                .resolve(SshTarget.parse("s"));
        assertEquals(ResolvedTarget.HostKeyPolicy.ACCEPT_NEW, yes.hostKeyPolicy(), "--yes wins");
    }

    @Test
    void identitiesOnlyAndIdentityFileNone() {
        ResolvedTarget t = resolve("Host t\n IdentitiesOnly yes\n IdentityFile none\n", SshTarget.parse("t"));
        assertTrue(t.identitiesOnly());
    }
}
