package io.littlehub.cli.hubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryFileTest {
    private static final String GOOD = """
            current: bio202
            groups: [autumn, spring]
            hubs:
              stats101:
                host: 203.0.113.7
                user: ubuntu
                groups: [autumn]
                labels: {course: stats101, term: 2027s}
              bio202:
                host: 203.0.113.7
                port: 2222
                user: debian
                identity: ~/.ssh/bio
                url: https://bio.example.org/
                groups: [autumn, spring]
            """;

    @Test
    void aHandWrittenInventoryIsReadInItsOrder() {
        Inventory inv = InventoryFile.parse(GOOD, "hubs.yaml");
        assertEquals(List.of("stats101", "bio202"), List.copyOf(inv.hubs().keySet()));
        assertEquals("bio202", inv.current());
        assertEquals(List.of("autumn", "spring"), inv.groups());
        Hub stats = inv.hubs().get("stats101");
        assertEquals(22, stats.port());
        assertEquals(Map.of("course", "stats101", "term", "2027s"), stats.labels());
        Hub bio = inv.hubs().get("bio202");
        assertEquals("203.0.113.7:2222", bio.address());
        assertEquals(List.of("autumn", "spring"), bio.groups());
        assertEquals("https://bio.example.org/", bio.url());
    }

    @Test
    void anEmptyFileIsAnEmptyInventory() {
        assertTrue(InventoryFile.parse("# nothing yet\n", "hubs.yaml").hubs().isEmpty());
    }

    @Test
    void aDuplicateNameIsRefusedNamingBothLines() {
        String text = """
                hubs:
                  stats101:
                    host: 203.0.113.7
                  stats101:
                    host: 203.0.113.8
                """;
        assertEquals(
                "hubs.yaml line 4: hub stats101 is already defined on line 2: give each hub its own name",
                refused(text));
    }

    @Test
    void anUnknownGroupIsRefusedNamingTheLineAndTheDeclaredOnes() {
        String text = """
                groups: [autumn]
                hubs:
                  stats101:
                    host: 203.0.113.7
                    groups: [atumn]
                """;
        assertEquals(
                "hubs.yaml line 5: hub stats101 is in group atumn, which the inventory does not declare:"
                        + " add it to `groups:` at the top (declared: autumn)",
                refused(text));
    }

    @Test
    void aMalformedLineIsRefusedNamingIt() {
        String text = """
                hubs:
                  stats101:
                    host: 203.0.113.7
                   user ubuntu: [
                """;
        String message = refused(text);
        assertTrue(message.startsWith("hubs.yaml line 4: this is not YAML"), message);
    }

    @Test
    void otherMistakesNameTheirLineAndTheFix() {
        assertEquals(
                "hubs.yaml line 3: hub stats101 has no key hots (known: groups, host, identity, known_hosts, labels,"
                        + " port, url, user)",
                refused("hubs:\n  stats101:\n    hots: 203.0.113.7\n"));
        assertEquals(
                "hubs.yaml line 2: hub stats101 has no host: add `host: ADDRESS`",
                refused("hubs:\n  stats101:\n    user: ubuntu\n"));
        assertEquals(
                "hubs.yaml line 4: hub stats101: port 22x is not a port (1 to 65535)",
                refused("hubs:\n  stats101:\n    host: a\n    port: 22x\n"));
        assertEquals(
                "hubs.yaml line 1: current: gone is no hub of this inventory (hubs: stats101)",
                refused("current: gone\nhubs:\n  stats101:\n    host: a\n"));
        assertEquals(
                "hubs.yaml line 3: autumn is both a hub and a group: rename one of them",
                refused("groups: [autumn]\nhubs:\n  autumn:\n    host: a\n"));
        assertEquals(
                "hubs.yaml line 1: the inventory has no key hub (known: current, groups, hubs)",
                refused("hub:\n  a:\n    host: a\n"));
    }

    @Test
    void aNewHubIsSplicedInAndMadeCurrentKeepingTheText() {
        String text =
                InventoryFile.withHub(GOOD, new Hub("chem1", "203.0.113.9", 22, "ubuntu", null, "http://203.0.113.9/"));
        assertTrue(text.startsWith(GOOD.replace("current: bio202", "current: chem1")), text);
        Inventory inv = InventoryFile.parse(text, "hubs.yaml");
        assertEquals(
                List.of("stats101", "bio202", "chem1"), List.copyOf(inv.hubs().keySet()));
        assertEquals("chem1", inv.current());
    }

    @Test
    void provisioningAKnownHubAgainChangesOnlyWhatDiffers() {
        String text = """
                hubs:
                  stats101:
                    host: 203.0.113.7   # the Monday room
                    user: ubuntu
                    groups: [autumn]
                groups: [autumn]
                current: stats101
                """;
        Hub same = InventoryFile.parse(text, "hubs.yaml").hubs().get("stats101");
        String again = InventoryFile.withHub(text, same);
        assertTrue(again.contains("    host: 203.0.113.7   # the Monday room\n    user: ubuntu\n"), again);
        assertEquals(1, again.split("port: 22", -1).length - 1, again);
        assertEquals(same, InventoryFile.parse(again, "hubs.yaml").hubs().get("stats101"));
        assertEquals(again, InventoryFile.withHub(again, same), "a second time: no change at all");
        String flow = "hubs:\n  a: {host: h, port: 22}\ncurrent: a\n";
        assertEquals(
                flow,
                InventoryFile.withHub(
                        flow, InventoryFile.parse(flow, "hubs.yaml").hubs().get("a")));
    }

    private static String refused(String text) {
        return assertThrows(InventoryFile.Refused.class, () -> InventoryFile.parse(text, "hubs.yaml"))
                .getMessage();
    }
}
