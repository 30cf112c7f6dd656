package io.littlehub.cli.hubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
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
        Path file = config.resolve("hubs.yaml");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        r.remember(new Hub("class-b", "203.0.113.8", 22, "ubuntu", null, "http://203.0.113.8/"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(2, r.read().hubs().size());
    }

    @Test
    void twoHubsOnOneAddressWithDifferentPortsStayTwoEntriesAndANameClashIsRefused(@TempDir Path dir) {
        HubRegistry r = new HubRegistry(dir);
        r.remember(new Hub("203.0.113.7", "203.0.113.7", 22, "ubuntu", null, "http://203.0.113.7/"));
        // Provisioning the second VM under the host's name would have replaced the first: refused, naming --hub.
        IllegalArgumentException clash = assertThrows(
                IllegalArgumentException.class,
                () -> r.remember(new Hub("203.0.113.7", "203.0.113.7", 2222, "ubuntu", null, "http://x/")));
        assertTrue(clash.getMessage().contains("--hub NAME"), clash.getMessage());
        assertTrue(clash.getMessage().contains("203.0.113.7:22"), clash.getMessage());
        assertEquals(22, r.find(null).orElseThrow().port(), "the first entry is untouched and still current");

        r.remember(new Hub("second", "203.0.113.7", 2222, "ubuntu", null, "http://203.0.113.7:8080/"));
        assertEquals(
                List.of("203.0.113.7", "second"), List.copyOf(r.read().hubs().keySet()));
        assertEquals(2222, r.find("second").orElseThrow().port());
        // Provisioning the same hub again converges it: same address, same entry.
        r.remember(new Hub("203.0.113.7", "203.0.113.7", 22, "ubuntu", null, "http://203.0.113.7/"));
        assertEquals(2, r.read().hubs().size());
    }

    @Test
    void aTeachersCommentsGroupsAndLabelsSurviveProvisioning(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hubs.yaml"), """
                # department hubs, autumn
                groups: [autumn]
                hubs:
                  stats101:   # Monday class
                    host: 203.0.113.7
                    user: ubuntu
                    groups: [autumn]
                    labels: {course: stats101, term: 2027s}
                """);
        HubRegistry r = new HubRegistry(dir);
        r.remember(new Hub("stats101", "203.0.113.7", 22, "debian", null, "http://203.0.113.7/"));
        r.remember(new Hub("bio202", "203.0.113.9", 22, "ubuntu", null, "http://203.0.113.9/"));
        String text = Files.readString(dir.resolve("hubs.yaml"));
        assertTrue(text.startsWith("# department hubs, autumn\n"), text);
        assertTrue(text.contains("stats101:   # Monday class"), text);
        Hub stats = r.find("stats101").orElseThrow();
        assertEquals("debian", stats.user());
        assertEquals(List.of("autumn"), stats.groups());
        assertEquals(Map.of("course", "stats101", "term", "2027s"), stats.labels());
        assertEquals("bio202", r.read().current());
    }

    @Test
    void anOlderHubsJsonIsMovedIntoTheInventoryAndSaidOnce(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hubs.json"), """
                {"current": "old", "hubs": {
                 "old": {"name": "old", "host": "203.0.113.7", "port": 22, "user": "ubuntu", "url": "http://203.0.113.7/"},
                 "try": {"name": "try", "host": "127.0.0.1", "port": 42010, "user": "tester", "identity": "/vms/id",
                  "url": "http://127.0.0.1:42011/", "known_hosts": "/vms/try/known_hosts"}}}
                """);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            HubRegistry r = new HubRegistry(dir);
            assertEquals("old", r.find(null).orElseThrow().name());
            assertNull(r.find("old").orElseThrow().knownHosts());
            assertEquals("/vms/try/known_hosts", r.find("try").orElseThrow().knownHosts());
            assertEquals(42010, r.find("try").orElseThrow().port());
            r.read();
        } finally {
            System.setErr(err);
        }
        String note = said.toString(StandardCharsets.UTF_8);
        assertEquals(1, note.lines().count(), note);
        assertTrue(note.contains("moved your 2 hub(s)") && note.contains("hubs.yaml"), note);
        assertFalse(Files.exists(dir.resolve("hubs.json")));
        assertTrue(Files.exists(dir.resolve("hubs.json.migrated")));
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hubs.yaml"))));
    }
}
