package io.littlehub.agent.restart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is active, from user models as the hub's REST API answers GET users?include_stopped_servers=1. */
class HubActivityTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private static List<JsonNode> users(String json) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        new ObjectMapper().readTree(json).forEach(list::add);
        return list;
    }

    @Test
    void activeMeansAServerUsedWithinTheWindowOrStartingOrStopping() throws Exception {
        List<JsonNode> users = users("""
                [
                 {"name": "ada", "last_activity": "2026-12-07T09:59:00Z",
                  "servers": {"": {"ready": true, "pending": null, "last_activity": "2026-12-07T09:58:30Z"}}},
                 {"name": "bob", "last_activity": "2026-12-07T09:59:00Z",
                  "servers": {"": {"ready": true, "pending": null, "last_activity": "2026-12-07T09:49:59Z"}}},
                 {"name": "cy", "servers": {"": {"ready": false, "pending": "spawn", "last_activity": null}}},
                 {"name": "di", "servers": {"": {"ready": false, "pending": "stop",
                  "last_activity": "2026-12-07T08:00:00Z"}}},
                 {"name": "ed", "last_activity": "2026-12-07T09:59:59Z",
                  "servers": {"": {"ready": false, "pending": null, "last_activity": "2026-12-07T09:59:00Z"}}},
                 {"name": "flo", "last_activity": "2026-12-07T09:59:59Z", "servers": {}},
                 {"name": "gus"},
                 {"name": "abe", "servers": {"": {"ready": false, "pending": null},
                  "extra": {"ready": true, "pending": null, "last_activity": "2026-12-07T09:50:00Z"}}}
                ]
                """);
        HubActivity a = HubActivity.of(users, NOW, Duration.ofMinutes(10));
        // bob's server is open but unused for longer than the window; ed's stopped (a stopped server's last
        // activity stays); flo only loaded hub pages; gus has never started one; abe's named server counts.
        assertEquals(List.of("abe", "ada", "bob", "cy", "di"), a.running());
        assertEquals(List.of("abe", "ada", "cy", "di"), a.active());
        assertEquals(
                List.of("ada", "cy", "di"),
                HubActivity.of(users, NOW, Duration.ofMinutes(5)).active());
    }

    @Test
    void namesFitOnOneLine() {
        assertEquals("ada", HubActivity.names(List.of("ada")));
        assertEquals("a, b, c, d, e and 2 more", HubActivity.names(List.of("a", "b", "c", "d", "e", "f", "g")));
    }
}
