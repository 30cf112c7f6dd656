package io.littlehub.agent.restart;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Who a hub restart would disturb, read from the hub's REST API user models ({@code HubApi.users()}). Pure.
 *
 * <p>A person is <b>active</b> when one of their servers is starting or stopping ({@code pending} set), or is ready
 * and the hub saw it used ({@code last_activity}: the proxy's and the server's own activity reports) within the
 * window. A server left open but unused for the window, and a person without a server, are not: a restart keeps
 * running servers running, and what it interrupts are pages loaded and kernels reached through the hub meanwhile.
 * The hub updates {@code last_activity} every few minutes, so the window should be longer than that (default 10).
 *
 * @param running people with a server running (or starting), sorted
 * @param active those of them active within the window, sorted
 */
public record HubActivity(List<String> running, List<String> active) {
    public static final HubActivity NOBODY = new HubActivity(List.of(), List.of());

    public static HubActivity of(List<JsonNode> users, Instant now, Duration window) {
        Instant since = now.minus(window);
        List<String> running = new ArrayList<>();
        List<String> active = new ArrayList<>();
        for (JsonNode user : users) {
            boolean runs = false;
            boolean used = false;
            for (Iterator<Map.Entry<String, JsonNode>> s = user.path("servers").fields(); s.hasNext(); ) {
                JsonNode server = s.next().getValue();
                boolean pending = !server.path("pending").isNull()
                        && !server.path("pending").asText("").isEmpty();
                boolean ready = server.path("ready").asBoolean(false);
                runs |= ready || pending;
                used |= pending
                        || ready && usedSince(server.path("last_activity").asText(null), since);
            }
            if (runs) {
                running.add(user.path("name").asText());
            }
            if (used) {
                active.add(user.path("name").asText());
            }
        }
        running.sort(null);
        active.sort(null);
        return new HubActivity(List.copyOf(running), List.copyOf(active));
    }

    private static boolean usedSince(String lastActivity, Instant since) {
        return lastActivity != null && !Instant.parse(lastActivity).isBefore(since);
    }

    /** "ada, bob" or "ada, bob, cy and 7 more": who, short enough for one line. */
    public static String names(List<String> people) {
        int shown = Math.min(people.size(), 5);
        String list = String.join(", ", people.subList(0, shown));
        return people.size() > shown ? list + " and " + (people.size() - shown) + " more" : list;
    }
}
