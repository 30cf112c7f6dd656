package io.littlehub.cli.hubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubRegistryTest {
    @Test
    void theLastProvisionedHubIsTheDefaultAndOthersStayReachable(@TempDir Path dir) {
        HubRegistry r = new HubRegistry(dir);
        assertTrue(r.find(null).isEmpty());
        Hub a = new Hub("class-a", "203.0.113.7", 22, "ubuntu", null, "http://203.0.113.7/");
        Hub b = new Hub("class-b", "203.0.113.8", 2222, "debian", "/home/t/.ssh/id_ed25519", "http://203.0.113.8/");
        r.remember(a);
        r.remember(b);
        assertEquals(b, new HubRegistry(dir).find(null).orElseThrow());
        assertEquals(a, new HubRegistry(dir).find("class-a").orElseThrow());
        assertTrue(r.find("nope").isEmpty());
    }

    @Test
    void theFileIsTheTeachersAloneAndAnOlderWorldReadableOneIsFixedAtTheNextWrite(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("littlehub");
        HubRegistry r = new HubRegistry(config);
        r.remember(new Hub("class-a", "203.0.113.7", 22, "ubuntu", null, "http://203.0.113.7/"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        Path file = config.resolve("hubs.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        r.remember(new Hub("class-b", "203.0.113.8", 22, "ubuntu", null, "http://203.0.113.8/"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(2, r.read().hubs().size());
    }

    @Test
    void aHubKeepsItsOwnKnownHostsAndAnOlderEntryHasNone(@TempDir Path dir) throws Exception {
        HubRegistry r = new HubRegistry(dir);
        Hub tryHub = new Hub(
                "littlehub-try",
                "127.0.0.1",
                42010,
                "tester",
                "/vms/id",
                "http://127.0.0.1:42011/",
                "/root/.cache/littlehub/test-vms/vms/littlehub-try/known_hosts");
        r.remember(tryHub);
        assertEquals(tryHub, new HubRegistry(dir).find(null).orElseThrow());
        assertTrue(Files.readString(dir.resolve("hubs.json")).contains("\"known_hosts\""));

        Files.writeString(dir.resolve("hubs.json"), """
                {"current": "old", "hubs": {"old": {"name": "old", "host": "203.0.113.7", "port": 22, "user": "ubuntu",
                 "url": "http://203.0.113.7/"}}}
                """);
        assertNull(new HubRegistry(dir).find(null).orElseThrow().knownHosts());
    }
}
