package io.littlehub.cli.passwords;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.cli.remote.RosterCommands;
import io.littlehub.cli.transport.RemoteHost;
import io.littlehub.common.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hub's FirstUse passwords through its agent ({@code littlehub-agent passwords}): who has one, and setting them. */
public final class HubPasswords {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The hub's sign-in type and, with firstuse, which names have a password ({@code stored} null otherwise). */
    public record Stored(String auth, Map<String, Boolean> stored) {
        public boolean firstUse() {
            return stored != null;
        }

        public List<String> without(List<String> names) {
            return names.stream()
                    .filter(n -> !Boolean.TRUE.equals(stored.get(n)))
                    .toList();
        }
    }

    private HubPasswords() {}

    public static Stored stored(RemoteHost host, List<String> names) {
        JsonNode answer = run(host, RosterCommands.passwords(names, false, false), new byte[0]);
        Map<String, Boolean> stored = answer.path("stored").isNull()
                ? null
                : JSON.convertValue(answer.path("stored"), new TypeReference<LinkedHashMap<String, Boolean>>() {});
        return new Stored(answer.path("auth").asText(), stored);
    }

    /** Sets each password (with {@code ifUnset}, a name that has one keeps it); the names that got theirs set. */
    public static List<String> set(RemoteHost host, Map<String, String> passwords, boolean ifUnset) {
        StringBuilder lines = new StringBuilder();
        passwords.values().forEach(p -> lines.append(p).append('\n'));
        JsonNode answer = run(
                host,
                RosterCommands.passwords(new ArrayList<>(passwords.keySet()), true, ifUnset),
                lines.toString().getBytes(StandardCharsets.UTF_8));
        List<String> set = new ArrayList<>();
        answer.fields().forEachRemaining(e -> {
            if (e.getValue().asText().equals("SET")) {
                set.add(e.getKey());
            }
        });
        return set;
    }

    private static JsonNode run(RemoteHost host, List<String> argv, byte[] stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder err = new StringBuilder();
        int exit = host.runAsRootBinary(
                argv,
                new ByteArrayInputStream(stdin),
                out,
                line -> err.append(line).append('\n'));
        if (exit != ExitCodes.OK) {
            throw new IllegalStateException("the hub's agent could not " + (stdin.length > 0 ? "set" : "read")
                    + " passwords (exit " + exit + "): " + err.toString().strip());
        }
        try {
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
