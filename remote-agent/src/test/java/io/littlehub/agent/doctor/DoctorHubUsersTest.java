package io.littlehub.agent.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.littlehub.agent.release.Releases;
import io.littlehub.agent.status.HubStatus;
import io.littlehub.agent.status.StatusGatherer;
import io.littlehub.common.machine.FakeMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Doctor asks the hub for its users once per run: status's answer also serves the stale units check (whose servers the
 * hub knows) and the rehearsal leftovers (names only the hub has).
 */
class DoctorHubUsersTest {
    @TempDir
    Path dir;

    private static final String CONFIG = "users:\n  allowed: [ada]\n";

    /** ada's server runs; rehearsal-003 is known to the hub only; bo's unit runs, but bo has no server on the hub. */
    private final FakeMachine vm = new FakeMachine()
            .answer(
                    List.of("systemctl", "list-units"),
                    FakeMachine.ok("jupyter-ada-singleuser.service loaded active running ada\n"
                            + "jupyter-bo-singleuser.service loaded active running bo\n"));

    private final List<String> asked = new ArrayList<>();

    private Diagnosis.Observations observe(StatusGatherer.HubUsersAt hub) {
        StatusGatherer status = StatusGatherer.on(
                vm,
                Clock.fixed(Instant.ofEpochSecond(1600), ZoneOffset.UTC),
                new Releases(dir.resolve("opt")),
                dir.resolve("backups"),
                () -> CONFIG,
                baseUrl -> {
                    asked.add("GET " + baseUrl + "hub/api/users");
                    return hub.list(baseUrl);
                });
        return new Doctor(vm, url -> 200).observe(status, CONFIG, null, null);
    }

    @Test
    void theHubIsAskedForItsUsersOnceAndEveryCheckUsesTheAnswer() throws IOException {
        List<JsonNode> users = new ArrayList<>();
        new ObjectMapper()
                .readTree("[{\"name\": \"ada\", \"admin\": false, \"last_activity\": null,"
                        + " \"servers\": {\"\": {\"ready\": true, \"last_activity\": null}}},"
                        + " {\"name\": \"bo\", \"admin\": false, \"last_activity\": null, \"servers\": {}},"
                        + " {\"name\": \"rehearsal-003\", \"admin\": false, \"last_activity\": null, \"servers\": {}}]")
                .forEach(users::add);
        Diagnosis.Observations o = observe(baseUrl -> users);
        assertEquals(List.of("GET /hub/api/users"), asked, "one request for status, stale units and rehearsals");
        assertEquals(3, o.status().students().users(), "status counted the same answer");
        assertEquals(List.of(new StaleUnits.Stale("jupyter-bo-singleuser.service", false)), o.staleUnits());
        assertEquals(Set.of("rehearsal-003"), o.rehearsal().students());
    }

    @Test
    void aHubThatDoesNotAnswerIsAskedOnceAndNoUnitLooksStale() {
        Diagnosis.Observations o = observe(baseUrl -> {
            throw new IOException("Connection refused");
        });
        assertEquals(List.of("GET /hub/api/users"), asked);
        HubStatus status = o.status();
        assertEquals("Connection refused", status.problems().get("students"));
        assertEquals(List.of(), o.staleUnits(), "the hub cannot say which servers it knows");
        vm.assertNeverRan(List.of("systemctl", "list-units"));
    }
}
