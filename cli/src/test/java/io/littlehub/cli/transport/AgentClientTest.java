package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent protocol against a real OpenSSH ssh-agent (no VM needed). */
class AgentClientTest {
    @TempDir
    Path dir;

    @Test
    void listsKeysAndSignsRsaWithSha2AsAskedByTheFlags() throws Exception {
        Path ed = TestKeys.generate(dir.resolve("id_ed25519"), "ed25519", "");
        Path rsa = TestKeys.generate(dir.resolve("id_rsa"), "rsa", "");
        try (TestAgent agent = TestAgent.start(dir)) {
            agent.add(ed);
            agent.add(rsa);
            try (AgentClient client = AgentClient.open(agent.socket.toString())) {
                List<AgentClient.Identity> ids = client.identities();
                assertEquals(2, ids.size());
                assertEquals("ssh-ed25519", ids.get(0).sshType());
                assertEquals("ssh-rsa", ids.get(1).sshType());
                assertTrue(ids.get(0).toString().contains(ids.get(0).fingerprint()));
                assertEquals(
                        TestKeys.publicLine(ed).split(" ")[1],
                        java.util.Base64.getEncoder().encodeToString(ids.get(0).blob()));

                byte[] data = "session id and request".getBytes(StandardCharsets.UTF_8);
                for (int flags :
                        new int[] {AgentClient.SSH_AGENT_RSA_SHA2_512, AgentClient.SSH_AGENT_RSA_SHA2_256, 0}) {
                    Buffer.PlainBuffer sig =
                            new Buffer.PlainBuffer(client.sign(ids.get(1).blob(), data, flags));
                    String alg = sig.readString();
                    byte[] bytes = sig.readBytes();
                    String expected = flags == 4 ? "rsa-sha2-512" : flags == 2 ? "rsa-sha2-256" : "ssh-rsa";
                    assertEquals(expected, alg);
                    Signature v = Signature.getInstance(
                            flags == 4 ? "SHA512withRSA" : flags == 2 ? "SHA256withRSA" : "SHA1withRSA");
                    v.initVerify(ids.get(1).key());
                    v.update(data);
                    assertTrue(v.verify(bytes), "the agent's " + alg + " signature verifies");
                }
                Buffer.PlainBuffer edSig =
                        new Buffer.PlainBuffer(client.sign(ids.get(0).blob(), data, 0));
                assertEquals("ssh-ed25519", edSig.readString());
                assertEquals(64, edSig.readBytes().length);

                IOException refused =
                        assertThrows(IOException.class, () -> client.sign(new byte[] {0, 0, 0, 1, 'x'}, data, 0));
                assertTrue(refused.getMessage().contains("refused"));
            }
        }
    }

    @Test
    void flagsFollowTheOfferedAlgorithm() {
        assertEquals(4, AgentAuthMethod.flagsFor("rsa-sha2-512"));
        assertEquals(2, AgentAuthMethod.flagsFor("rsa-sha2-256"));
        assertEquals(0, AgentAuthMethod.flagsFor("ssh-ed25519"));
    }

    @Test
    void missingSocketIsAnIoError() {
        IOException e = assertThrows(
                IOException.class,
                () -> AgentClient.open(dir.resolve("none.sock").toString()));
        assertTrue(e.getMessage().contains("cannot reach the ssh-agent"));
    }
}
