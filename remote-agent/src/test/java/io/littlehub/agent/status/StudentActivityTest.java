package io.littlehub.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentActivityTest {
    @Test
    void usersRunningServersAndRecentActivity() throws Exception {
        // Shaped like the hub's GET /hub/api/users?include_stopped_servers=1 (captured, trimmed).
        String json = """
                [{"name": "teacher", "admin": true, "last_activity": null,
                  "servers": {"": {"name": "", "last_activity": null, "ready": false, "stopped": true}}},
                 {"name": "ada", "admin": false, "last_activity": "2026-11-30T11:58:30.123456Z",
                  "servers": {"": {"name": "", "last_activity": "2026-11-30T11:58:30.123456Z", "ready": true, "stopped": false}}},
                 {"name": "bob", "admin": false, "last_activity": "2026-11-30T11:40:00Z",
                  "servers": {"": {"name": "", "ready": true}}},
                 {"name": "cy", "admin": false, "last_activity": "2026-11-30T11:56:00.000000Z", "servers": {}}]
                """;
        List<JsonNode> users = new ArrayList<>();
        new ObjectMapper().readTree(json).forEach(users::add);
        assertEquals(
                new HubStatus.Students(4, 2, 2), StudentActivity.count(users, Instant.parse("2026-11-30T12:00:00Z")));
    }
}
