package io.littlehub.agent.students;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting a user on a hub that answers as JupyterHub does while a server is still starting or being checked; starting
 * the server of a roster student the running hub has not met yet, or while the hub is busy starting others (429).
 */
class HubApiDeleteTest {
    private static final String ACTIVE = "{\"status\": 500, \"message\": \"Internal Server Error\"}";
    private static final String BUSY =
            "{\"status\": 429, \"message\": \"Too many users trying to log in right now. Try again in 10 seconds.\"}";

    private HttpServer hub;
    private final List<String> asked = new ArrayList<>();

    /** A hub on 127.0.0.1 answering requests with {@code statuses}, one after the other. */
    private HubApi hubAnswering(Integer... statuses) throws IOException {
        Iterator<Integer> next = List.of(statuses).iterator();
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/hub/api/", exchange -> {
            asked.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            int status = next.next();
            byte[] body = (status == 500 ? ACTIVE : status == 429 ? BUSY : "").getBytes(StandardCharsets.UTF_8);
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(status, status == 204 ? -1 : body.length);
            if (status != 204) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        hub.start();
        return new HubApi(URI.create("http://127.0.0.1:" + hub.getAddress().getPort() + "/hub/api/"), "t");
    }

    @AfterEach
    void stop() {
        hub.stop(0);
    }

    @Test
    void aServerStillActiveIsWaitedFor() throws IOException {
        HubApi api = hubAnswering(500, 400, 204);
        assertTrue(api.deleteUser("rehearsal-007", Duration.ofSeconds(30), Duration.ofMillis(10)));
        assertEquals(
                List.of(
                        "DELETE /hub/api/users/rehearsal-007",
                        "DELETE /hub/api/users/rehearsal-007",
                        "DELETE /hub/api/users/rehearsal-007"),
                asked);
    }

    @Test
    void noSuchUserIsFalse() throws IOException {
        assertFalse(hubAnswering(404).deleteUser("ghost", Duration.ofSeconds(30), Duration.ofMillis(10)));
    }

    @Test
    void aServerThatStaysActiveIsAnErrorWithTheHubsAnswer() throws IOException {
        HubApi api = hubAnswering(500, 500, 500, 500, 500, 500, 500, 500, 500, 500);
        IOException e = assertThrows(
                IOException.class, () -> api.deleteUser("ada", Duration.ofMillis(30), Duration.ofMillis(20)));
        assertTrue(e.getMessage().startsWith("the hub answered DELETE users/ada with 500 for 0 s"), e.getMessage());
        assertTrue(e.getMessage().contains("Internal Server Error"), e.getMessage());
    }

    @Test
    void aStudentTheHubHasNotMetIsCreatedThenStarted() throws IOException {
        hubAnswering(404, 201, 202).startServer("late");
        assertEquals(
                List.of(
                        "POST /hub/api/users/late/server",
                        "POST /hub/api/users/late",
                        "POST /hub/api/users/late/server"),
                asked);
    }

    @Test
    void aKnownStudentIsStartedInOneRequest() throws IOException {
        hubAnswering(202).startServer("ada");
        assertEquals(List.of("POST /hub/api/users/ada/server"), asked);
    }

    @Test
    void aBusyHubIsAskedAgainAfterThePauseItNames() throws IOException {
        long t = System.nanoTime();
        hubAnswering(429, 429, 202).startServer("ada", Duration.ofSeconds(30));
        assertEquals(
                List.of("POST /hub/api/users/ada/server").stream()
                        .flatMap(r -> java.util.stream.Stream.of(r, r, r))
                        .toList(),
                asked);
        assertTrue(System.nanoTime() - t >= 2_000_000_000L, "waited Retry-After (1 s) twice");
    }

    @Test
    void aHubStillBusyAtTheEndOfPatienceFailsInItsOwnWords() throws IOException {
        HubApi api = hubAnswering(429, 429, 429, 429);
        IOException e = assertThrows(IOException.class, () -> api.startServer("ada", Duration.ofMillis(1500)));
        assertTrue(
                e.getMessage().startsWith("the hub was still busy (429: Too many users trying to log in right now)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("limits.spawns_at_once"), e.getMessage());
    }

    /** 401 and 403 say the hub runs but refuses the token: a {@link HubRefused}, which the restart gate tells apart. */
    @Test
    void aRefusedTokenIsAHubRefusedNamingTheService() throws IOException {
        HubApi api = hubAnswering(403, 401, 500);
        for (int status : new int[] {403, 401}) {
            HubRefused e = assertThrows(HubRefused.class, api::users);
            assertTrue(
                    e.getMessage()
                                    .startsWith(
                                            "the hub refused the agent's API token (GET users?include_stopped_servers=1"
                                                    + "&limit=200&offset=0: " + status)
                            && e.getMessage().endsWith("for service littlehub-agent"),
                    e.getMessage());
        }
        IOException other = assertThrows(IOException.class, api::users);
        assertFalse(other instanceof HubRefused, "a 500 is another failure: " + other);
    }
}
