package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal's sign-in ends at the hub's answer: its redirect onwards is not followed (no page the student does not
 * see is loaded); the student's server page comes next: from the redirect when it points at the running server (a warm
 * start: no hub API request), else from the server start.
 */
class HubClientSignInTest {
    private LocalHub hub;

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void theHubsRedirectIsTheSignInsEndAndTheServerPageComesNext() throws Exception {
        hub = LocalHub.running();
        HubClient student = hub.student();
        var answer = student.signIn("ada", LocalHub.PASSWORD);
        assertTrue(HubClient.signedIn(answer));
        assertEquals(List.of("GET login", "POST login"), hub.asked, "the redirect to /user/ada/ is not followed");
        assertTrue(student.openServerFrom(answer, "ada"));
        assertEquals(
                List.of("GET login", "POST login", "GET /user/ada/lab"),
                hub.asked,
                "a warm student goes from the sign-in's redirect to the server's page, asking the hub's API nothing");
    }

    @Test
    void aRedirectToTheSpawnPageLeavesTheStartToStartServer() throws Exception {
        hub = new LocalHub(201);
        HubClient student = hub.student();
        var answer = student.signIn("ada", LocalHub.PASSWORD);
        assertTrue(HubClient.signedIn(answer));
        assertFalse(student.openServerFrom(answer, "ada"), "no server runs: the hub sent the student to /hub/spawn");
        assertEquals(List.of("GET login", "POST login"), hub.asked);
        student.startServer("ada", Duration.ofSeconds(30));
        assertEquals(
                List.of("GET login", "POST login", "GET user", "POST server", "GET progress", "GET /user/ada/lab"),
                hub.asked);
    }

    @Test
    void aRefusedPasswordIsNotSignedIn() throws Exception {
        hub = LocalHub.running();
        assertFalse(HubClient.signedIn(hub.student().signIn("ada", "wrong-one")));
    }
}
