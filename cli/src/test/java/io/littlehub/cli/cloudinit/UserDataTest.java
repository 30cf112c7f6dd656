package io.littlehub.cli.cloudinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The user data parses as YAML with the user, sudo rule, key and firewall in place; names and keys are checked. */
class UserDataTest {
    @TempDir
    Path dir;

    /** A well-formed public key blob: the type name, then bytes standing for the key (only the type is checked). */
    static String blob(String type) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(type.length());
        out.write(type.getBytes(StandardCharsets.US_ASCII));
        out.writeInt(32);
        out.write(new byte[32]);
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static final String KEY_COMMENT = "ada@laptop #2: 'quotes' & \"more\"";

    @SuppressWarnings("unchecked")
    @Test
    void parsesWithTheUserTheKeyPasswordlessSudoAndTheFirewall() throws IOException {
        SshPublicKey key = SshPublicKey.parse("ssh-ed25519 " + blob("ssh-ed25519") + " " + KEY_COMMENT + "\n");
        String text = UserData.of("teacher", key);
        assertTrue(
                text.startsWith("#cloud-config\n"),
                "cloud-init reads only user data whose first line is #cloud-config");
        Map<String, Object> doc = new Yaml().load(text);
        List<Object> users = (List<Object>) doc.get("users");
        assertEquals("default", users.get(0));
        Map<String, Object> teacher = (Map<String, Object>) users.get(1);
        assertEquals("teacher", teacher.get("name"));
        assertEquals("ALL=(ALL) NOPASSWD:ALL", teacher.get("sudo"));
        assertEquals(
                List.of("ssh-ed25519 " + blob("ssh-ed25519") + " " + KEY_COMMENT),
                teacher.get("ssh_authorized_keys"),
                "the key line arrives whole, comment and all");
        assertEquals(false, doc.get("ssh_pwauth"));
        assertEquals(List.of("nftables", "sudo"), doc.get("packages"));
        List<Map<String, Object>> files = (List<Map<String, Object>>) doc.get("write_files");
        assertEquals(Firewall.rules(), files.get(0).get("content"));
        assertEquals(Firewall.RULES_PATH, files.get(0).get("path"));
        assertEquals(Firewall.unit(), files.get(1).get("content"));
        assertEquals(
                List.of(List.of("systemctl", "daemon-reload"), List.of("systemctl", "enable", "--now", Firewall.UNIT)),
                doc.get("runcmd"));
        assertTrue(
                Firewall.rules().contains("policy drop;")
                        && Firewall.rules().contains("tcp dport { 22, 80, 443 } accept"),
                Firewall.rules());
    }

    @SuppressWarnings("unchecked")
    @Test
    void aUserNamedLikeAYamlBooleanStaysAName() throws IOException {
        String text = UserData.of("no", SshPublicKey.parse("ssh-rsa " + blob("ssh-rsa")));
        Map<String, Object> teacher = (Map<String, Object>)
                ((List<Object>) new Yaml().<Map<String, Object>>load(text).get("users")).get(1);
        assertEquals("no", teacher.get("name"));
        assertEquals(List.of("ssh-rsa " + blob("ssh-rsa")), teacher.get("ssh_authorized_keys"));
    }

    @Test
    void badUserNamesAreRefusedWithTheRule() {
        for (String bad : List.of("Teacher", "1st", "a b", "x".repeat(33), "", "ada;reboot", "ådа")) {
            String m = assertThrows(IllegalArgumentException.class, () -> LoginName.check(bad))
                    .getMessage();
            assertTrue(m.contains("is not a unix user name: use 1 to 32 lowercase letters"), m);
        }
        for (String taken : List.of("root", "nobody", "jupyter-ada", "systemd-network", "littlehub-proxy")) {
            String m = assertThrows(IllegalArgumentException.class, () -> LoginName.check(taken))
                    .getMessage();
            assertTrue(m.endsWith("choose your own, like teacher"), m);
        }
        assertEquals("ta_2-b", LoginName.check("ta_2-b"));
    }

    @Test
    void keysAreCheckedBeforeTheyGoIntoAuthorizedKeys() throws IOException {
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> SshPublicKey.parse("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n"))
                .getMessage()
                .contains("private key, which must never leave your laptop: give the matching .pub file"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parse("ssh-ed25519 AAAAC3NzaC1lZDI1"))
                        .getMessage()
                        .contains("damaged"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parse("ssh-ed25519 " + blob("ssh-rsa")))
                        .getMessage()
                        .contains("says ssh-ed25519 but its data is a \"ssh-rsa\" key"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parse("hello world"))
                .getMessage()
                .contains("not an OpenSSH public key"));
        String two = "ssh-rsa " + blob("ssh-rsa") + "\nssh-ed25519 " + blob("ssh-ed25519") + "\n";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parse(two))
                .getMessage()
                .contains("2 lines of keys"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SshPublicKey.parse("\n"))
                .getMessage()
                .contains("no key in it"));
        assertEquals(
                "ecdsa-sha2-nistp256",
                SshPublicKey.parse("# mine\necdsa-sha2-nistp256 " + blob("ecdsa-sha2-nistp256"))
                        .type());

        Path missing = dir.resolve("nope.pub");
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> SshPublicKey.read(missing))
                        .getMessage()
                        .equals(
                                "--key " + missing
                                        + ": no such file: give your public key file, like ~/.ssh/id_ed25519.pub (make one with: ssh-keygen -t ed25519)"));
    }

    @Test
    void theDefaultKeyIsTheFirstInSshsOrder() throws IOException {
        Path ssh = Files.createDirectories(dir.resolve(".ssh"));
        String m = assertThrows(IllegalArgumentException.class, () -> DefaultKey.in(dir))
                .getMessage();
        assertTrue(
                m.contains("no public key found") && m.contains("ssh-keygen -t ed25519") && m.contains("--key FILE"),
                m);
        Files.writeString(ssh.resolve("id_rsa.pub"), "ssh-rsa " + blob("ssh-rsa"));
        assertEquals(ssh.resolve("id_rsa.pub"), DefaultKey.in(dir));
        Files.writeString(ssh.resolve("id_ecdsa.pub"), "ecdsa-sha2-nistp256 " + blob("ecdsa-sha2-nistp256"));
        assertEquals(ssh.resolve("id_ecdsa.pub"), DefaultKey.in(dir));
        Files.writeString(ssh.resolve("id_ed25519.pub"), "ssh-ed25519 " + blob("ssh-ed25519"));
        assertEquals(ssh.resolve("id_ed25519.pub"), DefaultKey.in(dir));
    }
}
