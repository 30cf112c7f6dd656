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
 * see is loaded); the student's server page comes next, from the server start.
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
        assertTrue(HubClient.signedIn(student.signIn("ada", LocalHub.PASSWORD)));
        assertEquals(List.of("GET login", "POST login"), hub.asked, "the redirect to /user/ada/ is not followed");
        student.startServer("ada", Duration.ofSeconds(30));
        assertEquals(List.of("GET login", "POST login", "GET user", "GET /user/ada/lab"), hub.asked);
    }

    @Test
    void aRefusedPasswordIsNotSignedIn() throws Exception {
        hub = LocalHub.running();
        assertFalse(HubClient.signedIn(hub.student().signIn("ada", "wrong-one")));
    }
}
