package io.littlehub.agent.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Counts the hub's users from its REST API's user models (as {@code HubApi.users()} returns them). Pure. */
public final class StudentActivity {
    /** "Active" means the hub saw the user (or their server) within this long. */
    public static final Duration RECENT = Duration.ofMinutes(5);

    private StudentActivity() {}

    public static HubStatus.Students count(List<JsonNode> users, Instant now) {
        Instant recent = now.minus(RECENT);
        int running = 0;
        int active = 0;
        for (JsonNode u : users) {
            // The default server ("") is every user's one server on a littlehub hub: what `students` shows too.
            if (u.path("servers").path("").path("ready").asBoolean(false)) {
                running++;
            }
            String last = u.path("last_activity").asText(null);
            if (last != null && !Instant.parse(last).isBefore(recent)) {
                active++;
            }
        }
        return new HubStatus.Students(users.size(), running, active);
    }
}
