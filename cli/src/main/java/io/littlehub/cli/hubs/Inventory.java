package io.littlehub.cli.hubs;

import java.util.List;
import java.util.Map;

/**
 * The hubs the laptop knows, as the inventory file holds them (file order kept): {@code current} is the hub a
 * command without {@code --hub} acts on (the last provisioned one), {@code groups} the groups the file declares.
 */
public record Inventory(String current, Map<String, Hub> hubs, List<String> groups) {
    public Inventory {
        hubs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hubs));
        groups = List.copyOf(groups);
    }

    public static Inventory empty() {
        return new Inventory(null, Map.of(), List.of());
    }
}
