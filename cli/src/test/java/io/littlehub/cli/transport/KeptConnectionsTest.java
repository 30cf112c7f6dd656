package io.littlehub.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LITTLEHUB_KEEP_CONNECTION, the private folder of the sockets, the holder's command line. */
class KeptConnectionsTest {
    @TempDir
    Path dir;

    @Test
    void secondsDefaultToSixtyZeroTurnsItOffAndAnythingElseIsRefusedWithTheFix() {
        assertEquals(60, KeptConnections.seconds(null));
        assertEquals(0, KeptConnections.seconds("0"));
        assertEquals(300, KeptConnections.seconds(" 300 "));
        for (String bad : List.of("1m", "-5", "yes")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> KeptConnections.seconds(bad));
            assertTrue(e.getMessage().startsWith("LITTLEHUB_KEEP_CONNECTION=" + bad + " is not a number of seconds"));
            assertTrue(e.getMessage().contains("or 0 to connect anew for every command"), e.getMessage());
        }
    }

    @Test
    void theFolderIsMadePrivateAndAFolderOthersMayEnterKeepsNothing() throws Exception {
        Path folder = dir.resolve("home/.cache/littlehub/ssh");
        assertTrue(KeptConnections.privateFolder(folder));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertTrue(KeptConnections.privateFolder(folder), "an existing private folder");
        assertEquals(List.of(), List.of(folder.toFile().list()), "the owner probe leaves nothing behind");

        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertFalse(KeptConnections.privateFolder(folder));

        Path link = dir.resolve("link");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(link, folder);
        assertFalse(KeptConnections.privateFolder(link), "a symbolic link is not the folder itself");
    }

    @Test
    void theHolderRunsOnThisJavaAndClassPath() {
        List<String> argv = KeptConnections.holderCommand();
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), argv.get(0));
        assertEquals(
                List.of(
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ConnectionHolder.class.getName()),
                argv.subList(argv.size() - 4, argv.size()));
    }

    @Test
    void aHolderWhoseKnownHostsChangedAfterTheCommandLookedIsNotNamedByItAnyMore() throws Exception {
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, "[203.0.113.7]:2222 ssh-ed25519 " + HeldTargetTest.K1 + "\n");
        ResolvedTarget t = new ResolvedTarget(
                "hub",
                "203.0.113.7",
                2222,
                "teacher",
                List.of(),
                false,
                null,
                null,
                kh,
                ResolvedTarget.HostKeyPolicy.ASK,
                List.of());
        Path socket = KeptConnections.socket(dir, t).orElseThrow();
        assertTrue(KeptConnections.stillNames(socket, t));
        Files.writeString(kh, "[203.0.113.7]:2222 ssh-ed25519 " + HeldTargetTest.K2 + "\n", StandardOpenOption.APPEND);
        assertFalse(KeptConnections.stillNames(socket, t), "a key added: the name of before serves no command");
        Files.delete(kh);
        assertEquals(Optional.empty(), KeptConnections.socket(dir, t));
        assertFalse(KeptConnections.stillNames(socket, t));
    }

    @Test
    void aHolderListensWhenKeepingIsOnAndAnySocketIsInTheFolder() throws Exception {
        SshOptions o = SshOptions.defaults().withHome(dir.resolve("home")).withKeepConnection(null);
        assertFalse(SshConnector.holderListening(o), "no folder yet");
        Path folder = KeptConnections.folder(o);
        Files.createDirectories(folder);
        Files.createFile(folder.resolve("0123456789abcdef0123.lock"));
        assertFalse(SshConnector.holderListening(o), "a lock left behind is no holder");
        Files.createFile(folder.resolve("0123456789abcdef0123.sock"));
        assertTrue(SshConnector.holderListening(o));
        assertFalse(SshConnector.holderListening(o.withKeepConnection("0")), "LITTLEHUB_KEEP_CONNECTION=0");
        assertFalse(SshConnector.holderListening(o.withKeepConnection("soon")));
    }
}
