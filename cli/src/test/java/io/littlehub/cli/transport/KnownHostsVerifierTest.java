package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsVerifierTest {
    @TempDir
    Path dir;

    Path file;
    PublicKey key;
    PublicKey other;

    @BeforeEach
    void keys() throws Exception {
        file = dir.resolve("ssh/known_hosts");
        key = ecKey();
        other = ecKey();
    }

    private static PublicKey ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair().getPublic();
    }

    private static String line(String host, PublicKey k) {
        return host + " ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(Fingerprints.blob(k));
    }

    private KnownHostsVerifier verifier(ResolvedTarget.HostKeyPolicy policy, Prompter p) throws Exception {
        return new KnownHostsVerifier(file, policy, p, "--yes");
    }

    @Test
    void firstContactShowsTheFingerprintAsksAndRecordsAPlainBracketedLine() throws Exception {
        ScriptedPrompter p = new ScriptedPrompter().yes(true);
        assertTrue(verifier(ResolvedTarget.HostKeyPolicy.ASK, p).verify("203.0.113.7", 2222, key));
        assertTrue(p.shown.get(0).contains("[203.0.113.7]:2222"));
        assertTrue(p.shown.get(0).contains("ECDSA key fingerprint is " + Fingerprints.sha256(key)));
        assertEquals(List.of(line("[203.0.113.7]:2222", key)), Files.readAllLines(file));

        ScriptedPrompter silent = new ScriptedPrompter();
        assertTrue(verifier(ResolvedTarget.HostKeyPolicy.ASK, silent).verify("203.0.113.7", 2222, key));
        assertTrue(silent.asked.isEmpty(), "a known key is accepted without asking");
        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void port22IsRecordedWithoutBrackets() throws Exception {
        assertTrue(verifier(ResolvedTarget.HostKeyPolicy.ACCEPT_NEW, new ScriptedPrompter())
                .verify("vm.example.org", 22, key));
        assertEquals(List.of(line("vm.example.org", key)), Files.readAllLines(file));
    }

    @Test
    void declinedOrUnaskableFirstContactIsRefused() throws Exception {
        KnownHostsVerifier no = verifier(ResolvedTarget.HostKeyPolicy.ASK, new ScriptedPrompter().yes(false));
        assertFalse(no.verify("h", 22, key));
        assertTrue(no.rejection().problem().contains("did not accept"));
        assertFalse(Files.exists(file));

        KnownHostsVerifier nobody = verifier(ResolvedTarget.HostKeyPolicy.ASK, ScriptedPrompter.nobody());
        assertFalse(nobody.verify("h", 22, key));
        assertTrue(
                nobody.rejection().fix().contains("run again with --yes"),
                nobody.rejection().fix());

        // A command without --yes (status, config, the roster commands) must not suggest it.
        KnownHostsVerifier noYes =
                new KnownHostsVerifier(file, ResolvedTarget.HostKeyPolicy.ASK, ScriptedPrompter.nobody(), null);
        assertFalse(noYes.verify("h", 22, key));
        assertFalse(noYes.rejection().fix().contains("--yes"), noYes.rejection().fix());
        assertTrue(
                noYes.rejection().fix().contains("on a terminal and answer yes"),
                noYes.rejection().fix());

        KnownHostsVerifier strict = verifier(ResolvedTarget.HostKeyPolicy.STRICT, new ScriptedPrompter());
        assertFalse(strict.verify("h", 22, key));
        assertTrue(strict.rejection().problem().contains("StrictHostKeyChecking"));
    }

    @Test
    void acceptNewRecordsWithoutAsking() throws Exception {
        ScriptedPrompter p = new ScriptedPrompter();
        assertTrue(verifier(ResolvedTarget.HostKeyPolicy.ACCEPT_NEW, p).verify("h", 2200, key));
        assertTrue(p.asked.isEmpty());
        assertTrue(p.shown.get(0).startsWith("Permanently added '[h]:2200'"));
    }

    @Test
    void changedKeyIsRefusedEvenWithYesAndExplainsTheRiskAndTheFix() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# comment\n" + line("[h]:2200", key) + "\n");
        KnownHostsVerifier v = verifier(ResolvedTarget.HostKeyPolicy.ACCEPT_NEW, new ScriptedPrompter());
        assertFalse(v.verify("h", 2200, other));
        SshFailure f = v.rejection();
        assertTrue(f.problem().contains("CHANGED"), f.problem());
        assertTrue(f.problem().contains("man-in-the-middle"), f.problem());
        assertTrue(f.problem().contains("rebuilt"), f.problem());
        assertTrue(f.problem().contains(Fingerprints.sha256(key) + " (line 2)"), f.problem());
        assertTrue(f.problem().contains(Fingerprints.sha256(other)), f.problem());
        assertTrue(f.fix().contains("ssh-keygen -R '[h]:2200'"), f.fix());
        assertEquals(2, Files.readAllLines(file).size(), "nothing is written");
    }

    @Test
    void otherHostsAndPortsAreIndependent() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, line("[h]:2200", key) + "\n");
        ScriptedPrompter p = new ScriptedPrompter().yes(true);
        assertTrue(verifier(ResolvedTarget.HostKeyPolicy.ASK, p).verify("h", 2201, other));
        assertEquals(1, p.asked.size(), "a different port is a first contact, not a change");
    }

    @Test
    void hashedEntriesAreRead() throws Exception {
        byte[] salt = new byte[20];
        new java.security.SecureRandom().nextBytes(salt);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal("[h]:2200".getBytes(StandardCharsets.UTF_8));
        String hashed = "|1|" + Base64.getEncoder().encodeToString(salt) + "|"
                + Base64.getEncoder().encodeToString(hash);
        Files.createDirectories(file.getParent());
        Files.writeString(file, line(hashed, key)); // no trailing newline
        ScriptedPrompter p = new ScriptedPrompter();
        KnownHostsVerifier v = verifier(ResolvedTarget.HostKeyPolicy.ASK, p);
        assertTrue(v.verify("h", 2200, key));
        assertTrue(p.asked.isEmpty());
        assertFalse(v.verify("h", 2200, other), "a hashed entry also detects a change");
        assertTrue(v.rejection().problem().contains("CHANGED"));

        assertTrue(verifier(ResolvedTarget.HostKeyPolicy.ACCEPT_NEW, p).verify("new", 22, key));
        assertEquals(
                List.of(line(hashed, key), line("new", key)),
                Files.readAllLines(file),
                "appending after a line without newline keeps both lines intact");
    }
}
