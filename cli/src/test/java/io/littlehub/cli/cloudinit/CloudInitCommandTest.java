package io.littlehub.cli.cloudinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.guides.LocalLittlehub;
import io.littlehub.common.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `littlehub cloud-init` through the real command line: user data on stdout; a bad key or name is exit 2 with the fix. */
class CloudInitCommandTest {
    @TempDir
    Path dir;

    private final LocalLittlehub littlehub = new LocalLittlehub();

    @Test
    void printsUserDataForTheGivenUserAndKey() throws Exception {
        Path key = Files.writeString(
                dir.resolve("k.pub"), "ssh-ed25519 " + UserDataTest.blob("ssh-ed25519") + " me@laptop\n");
        assertEquals(ExitCodes.OK, littlehub.run("cloud-init", "--user", "ta", "--key", key.toString()));
        assertTrue(
                littlehub.out().startsWith("#cloud-config\n")
                        && littlehub.out().contains("name: ta\n")
                        && littlehub.out().contains(UserDataTest.blob("ssh-ed25519") + " me@laptop"),
                littlehub.out());
        assertTrue(littlehub.err().contains("user data for ta with the key in " + key), littlehub.err());
    }

    @Test
    void aMissingOrWrongKeyFileOrABadNameIsExitTwo() throws Exception {
        assertEquals(
                ExitCodes.USAGE,
                littlehub.run("cloud-init", "--key", dir.resolve("none.pub").toString()));
        assertTrue(littlehub.err().contains("no such file: give your public key file"), littlehub.err());
        Path privateKey = Files.writeString(
                dir.resolve("id_ed25519"),
                "-----BEGIN OPENSSH PRIVATE KEY-----\nxx\n-----END OPENSSH PRIVATE KEY-----\n");
        assertEquals(ExitCodes.USAGE, littlehub.run("cloud-init", "--key", privateKey.toString()));
        assertTrue(littlehub.err().contains("give the matching .pub file"), littlehub.err());
        Path key = Files.writeString(dir.resolve("k.pub"), "ssh-ed25519 " + UserDataTest.blob("ssh-ed25519"));
        assertEquals(ExitCodes.USAGE, littlehub.run("cloud-init", "--user", "Root Admin", "--key", key.toString()));
        assertTrue(littlehub.err().contains("\"Root Admin\" is not a unix user name"), littlehub.err());
        assertTrue(littlehub.out().isEmpty(), "nothing half-printed: " + littlehub.out());
    }
}
