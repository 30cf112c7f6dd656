package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A student's server start against a local hub that answers as JupyterHub does past {@code concurrent_spawn_limit}:
 * 429 with {@code Retry-After} and its message. The student pauses and asks again, within the start's timeout.
 */
class HubClientBusyTest {
    static final String BUSY =
            "{\"status\": 429, \"message\": \"Too many users trying to log in right now. Try again in 10 seconds.\"}";

    private LocalHub hub;

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aBusyHubIsWaitedOutAndCountedNotFailed() throws Exception {
        hub = new LocalHub(429, 429, 202);
        HubClient student = hub.student();
        long t = System.nanoTime();
        student.startServer("ada", Duration.ofSeconds(30));
        assertEquals(2, student.busyWaits());
        assertEquals(
                List.of("GET user", "POST server", "POST server", "POST server", "GET progress", "GET /user/ada/lab"),
                hub.asked);
        assertTrue(System.nanoTime() - t >= Duration.ofSeconds(2).toNanos(), "it paused as Retry-After said");
    }

    @Test
    void aHubStillBusyAtTheTimeoutIsTheFailureInItsOwnWords() throws Exception {
        hub = new LocalHub(429);
        HubClient student = hub.student();
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> student.startServer("ada", Duration.ofMillis(2900)));
        assertEquals(
                "the hub was still busy (429: Too many users trying to log in right now) at the 2 s timeout",
                e.getMessage());
        assertEquals(2, student.busyWaits(), "paused twice (1 s each), then a third pause would pass the timeout");
        assertEquals(List.of("GET user", "POST server", "POST server", "POST server"), hub.asked);
    }

    @Test
    void anotherRefusalIsAFailureAtOnce() throws Exception {
        hub = new LocalHub(403);
        HubClient student = hub.student();
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> student.startServer("ada", Duration.ofSeconds(30)));
        assertTrue(e.getMessage().startsWith("starting the server answered 403"), e.getMessage());
        assertEquals(0, student.busyWaits());
    }

    @Test
    void aStartTheHubSaysFailedIsAskedForAgain() throws Exception {
        hub = new LocalHub(202);
        hub.failedStarts = 1;
        hub.student().startServer("ada", Duration.ofSeconds(30));
        assertEquals(
                List.of(
                        "GET user",
                        "POST server",
                        "GET progress",
                        "GET user",
                        "POST server",
                        "GET progress",
                        "GET /user/ada/lab"),
                hub.asked);
    }

    @Test
    void aServerRunningAlreadyIsOpenedWithoutAStart() throws Exception {
        hub = LocalHub.running();
        hub.student().startServer("ada", Duration.ofSeconds(30));
        assertEquals(List.of("GET user", "GET /user/ada/lab"), hub.asked, "no start asked for, no progress followed");
    }
}
