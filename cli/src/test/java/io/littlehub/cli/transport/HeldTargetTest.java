package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a holder is told of its target, and what names its socket: which commands share one holder. */
class HeldTargetTest {
    static final String K1 = "AAAAC3NzaC1lZDI1NTE5AAAAIINWIESP1B4QnXN7n6x0aLm5o2hd6r8bnp6dki4K8Zq4";
    static final String K2 = "AAAAC3NzaC1lZDI1NTE5AAAAIPKhhd4tGaenoqgAkPqFUb+ypfu/ohnfbPTiPyfjL/Oy";
    static final String K3 = "AAAAC3NzaC1lZDI1NTE5AAAAICeBM0akaeo58iJFWi8S9E621tsMv/eQZlA2qL0M7Tc/";

    @TempDir
    Path dir;

    Path knownHosts;

    @BeforeEach
    void file() throws Exception {
        knownHosts = dir.resolve("known_hosts");
        Files.write(
                knownHosts,
                List.of(
                        "[203.0.113.7]:2222 ssh-ed25519 " + K1 + " teacher@laptop",
                        "@revoked [203.0.113.7]:2222 ssh-ed25519 " + K3,
                        "203.0.113.7 ssh-ed25519 " + K2, // port 22: another sshd
                        "198.51.100.1 ssh-ed25519 " + K2));
    }

    private ResolvedTarget jump(Path kh) {
        return new ResolvedTarget(
                "bastion",
                "198.51.100.1",
                22,
                "ops",
                List.of(),
                false,
                null,
                null,
                kh,
                ResolvedTarget.HostKeyPolicy.STRICT,
                List.of());
    }

    private ResolvedTarget target(String user, int port, List<Path> ids, boolean only, ResolvedTarget jump, Path kh) {
        return new ResolvedTarget(
                "hub",
                "203.0.113.7",
                port,
                user,
                ids,
                only,
                null,
                jump,
                kh,
                ResolvedTarget.HostKeyPolicy.ASK,
                List.of());
    }

    private ResolvedTarget target() {
        return target("teacher", 2222, IDS, true, jump(knownHosts), knownHosts);
    }

    private static final List<Path> IDS =
            List.of(Path.of("/home/t/.ssh/id_ed25519"), Path.of("/home/t/keys/class key"));

    @Test
    void aTargetWithItsJumpHostComesBackTheSame() {
        ResolvedTarget t = new ResolvedTarget(
                "hub",
                "203.0.113.7",
                2222,
                "teacher",
                IDS,
                true,
                "/tmp/ssh-x/agent.1",
                jump(knownHosts),
                knownHosts,
                ResolvedTarget.HostKeyPolicy.ACCEPT_NEW,
                List.of());
        assertEquals(t, HeldTarget.read(HeldTarget.write(t)));
        assertEquals(jump(knownHosts), HeldTarget.read(HeldTarget.write(jump(knownHosts))));
    }

    @Test
    void sharingIsDecidedByTheLoginTheHostKeysKnownHostsNamesTheKeyFilesAndTheJumpHost() {
        assertEquals(
                Optional.of("host=203.0.113.7\n"
                        + "host_key.0=@revoked ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICeBM0akaeo58iJFWi8S9E621tsMv/eQZlA2qL0M7Tc/\n"
                        + "host_key.1=ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIINWIESP1B4QnXN7n6x0aLm5o2hd6r8bnp6dki4K8Zq4\n"
                        + "identities_only=true\n" + "identity.0=/home/t/.ssh/id_ed25519\n"
                        + "identity.1=/home/t/keys/class key\n" + "jump.host=198.51.100.1\n"
                        + "jump.host_key.0=ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPKhhd4tGaenoqgAkPqFUb+ypfu/ohnfbPTiPyfjL/Oy\n"
                        + "jump.identities_only=false\n" + "jump.port=22\n" + "jump.user=ops\n" + "port=2222\n"
                        + "user=teacher\n"),
                HeldTarget.sharing(target()));
        assertEquals(Optional.of("be0bd9b9a9ebd4feb863"), HeldTarget.key(target()));
    }

    /**
     * {@code provision USER@HOST -i KEY --yes} and a later {@code --hub NAME}: another name typed, another known_hosts
     * file (hashed, naming the same key), another host key policy, another ssh-agent: the same holder.
     */
    @Test
    void provisionAndTheInventorysCommandsShareOneHolder() throws Exception {
        Path inventoryKnownHosts = dir.resolve("littlehub/known_hosts");
        Files.createDirectories(inventoryKnownHosts.getParent());
        Files.write(
                inventoryKnownHosts,
                List.of(
                        "# littlehub's own",
                        hashed("[203.0.113.7]:2222") + " ssh-ed25519 " + K1,
                        "|1|not a hash|x ssh-ed25519 " + K2,
                        hashed("203.0.113.7") + " ssh-ed25519 " + K2, // port 22: not this sshd
                        "![203.0.113.7]:2222,[203.0.113.*]:2222 ssh-ed25519 " + K2, // negated: not this host
                        "@revoked * ssh-ed25519 " + K3));
        Files.writeString(dir.resolve("bastion_hosts"), "198.51.100.* ssh-ed25519 " + K2 + "\n");
        ResolvedTarget fromInventory = new ResolvedTarget(
                "203.0.113.7",
                "203.0.113.7",
                2222,
                "teacher",
                IDS,
                true,
                "/tmp/ssh-y/agent.2",
                jump(dir.resolve("bastion_hosts")),
                inventoryKnownHosts,
                ResolvedTarget.HostKeyPolicy.ACCEPT_NEW,
                List.of());
        assertEquals(HeldTarget.key(target()), HeldTarget.key(fromInventory));
    }

    @Test
    void aRelativeKeyFileIsTheSameAsItsAbsolutePath() {
        Path cwd = Path.of("").toAbsolutePath();
        assertEquals(
                HeldTarget.key(target("teacher", 2222, List.of(cwd.resolve("keys/k")), false, null, knownHosts)),
                HeldTarget.key(target("teacher", 2222, List.of(Path.of("keys/../keys/k")), false, null, knownHosts)));
    }

    @Test
    void anotherLoginHostKeyKeyFileOrJumpHostIsAnotherHolder() throws Exception {
        Optional<String> key = HeldTarget.key(target());
        assertNotEquals(key, HeldTarget.key(target("root", 2222, IDS, true, jump(knownHosts), knownHosts)));
        assertNotEquals(key, HeldTarget.key(target("teacher", 22, IDS, true, jump(knownHosts), knownHosts)));
        assertNotEquals(
                key, HeldTarget.key(target("teacher", 2222, IDS.subList(0, 1), true, jump(knownHosts), knownHosts)));
        assertNotEquals(key, HeldTarget.key(target("teacher", 2222, IDS, false, jump(knownHosts), knownHosts)));
        assertNotEquals(key, HeldTarget.key(target("teacher", 2222, IDS, true, null, knownHosts)));
        Path otherKey = dir.resolve("other_hosts");
        Files.write(
                otherKey,
                List.of(
                        "[203.0.113.7]:2222 ssh-ed25519 " + K2,
                        "@revoked [203.0.113.7]:2222 ssh-ed25519 " + K3,
                        "198.51.100.1 ssh-ed25519 " + K2));
        assertNotEquals(key, HeldTarget.key(target("teacher", 2222, IDS, true, jump(knownHosts), otherKey)));
        Path notRevoked = dir.resolve("not_revoked");
        Files.write(notRevoked, List.of("[203.0.113.7]:2222 ssh-ed25519 " + K1, "198.51.100.1 ssh-ed25519 " + K2));
        assertNotEquals(key, HeldTarget.key(target("teacher", 2222, IDS, true, jump(knownHosts), notRevoked)));
        Path otherBastion = dir.resolve("other_bastion");
        Files.write(otherBastion, List.of("198.51.100.1 ssh-ed25519 " + K1));
        assertNotEquals(key, HeldTarget.key(target("teacher", 2222, IDS, true, jump(otherBastion), knownHosts)));
    }

    @Test
    void aHostKnownHostsNamesNoKeyForSharesNothing() {
        Path none = dir.resolve("none");
        assertEquals(Optional.empty(), HeldTarget.key(target("teacher", 2222, IDS, true, null, none)));
        assertEquals(Optional.empty(), HeldTarget.key(target("teacher", 2200, IDS, true, null, knownHosts)));
        assertEquals(
                Optional.empty(),
                HeldTarget.key(target("teacher", 2222, IDS, true, jump(none), knownHosts)),
                "nor a jump host's");
    }

    @Test
    void aMissingPropertyIsNamed() {
        Properties p = HeldTarget.write(jump(knownHosts));
        p.remove("known_hosts");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeldTarget.read(p));
        assertEquals("the kept connection's target has no known_hosts", e.getMessage());
    }

    /** An OpenSSH hashed host part ({@code HashKnownHosts yes}): |1|salt|HMAC-SHA1(salt, host). */
    private static String hashed(String host) throws Exception {
        byte[] salt = "twenty bytes of salt".getBytes(StandardCharsets.US_ASCII);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        Base64.Encoder b64 = Base64.getEncoder();
        return "|1|" + b64.encodeToString(salt) + "|"
                + b64.encodeToString(mac.doFinal(host.getBytes(StandardCharsets.US_ASCII)));
    }
}
