package io.littlehub.agent.students;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Who there is on the hub: the names on the roster (banned ones too) and the hub's users, when it answers. */
public final class HubPeople {
    private HubPeople() {}

    /**
     * With the hub's users (its API's user models) as a caller already has them (empty: the hub did not answer): the
     * hub is asked once per command.
     */
    public static List<String> names(String config, List<JsonNode> hubUsers) {
        Roster roster = Roster.of(config);
        List<String> names = new ArrayList<>(roster.everyone());
        names.addAll(roster.banned());
        hubUsers.forEach(u -> names.add(u.path("name").asText()));
        return names;
    }
}
