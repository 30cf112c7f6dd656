package io.littlehub.agent.students;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Who there is on the hub: the names on the roster (banned ones too) and the hub's users, when it answers. */
public final class HubPeople {
    private HubPeople() {}

    /** Asks the hub for its users. */
    public static List<String> names(String config) {
        Roster roster = Roster.of(config);
        List<String> hubUsers = new ArrayList<>();
        try {
            for (JsonNode u : HubApi.onThisMachine(roster.baseUrl()).users()) {
                hubUsers.add(u.path("name").asText());
            }
        } catch (IOException hubDown) {
            // The config and the unix users still say who there is; doctor's units check reports the hub.
        }
        return names(config, hubUsers);
    }

    /** With the hub's users as a caller already has them (empty: the hub did not answer). */
    public static List<String> names(String config, List<String> hubUsers) {
        Roster roster = Roster.of(config);
        List<String> names = new ArrayList<>(roster.everyone());
        names.addAll(roster.banned());
        names.addAll(hubUsers);
        return names;
    }
}
