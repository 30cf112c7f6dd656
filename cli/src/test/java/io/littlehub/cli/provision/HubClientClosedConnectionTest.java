package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hub (its proxy) that closes the connection of a server start without answering, as the proxy does to a
 * keep-alive connection it finds idle just as the request arrives: the student sends the start once more, as a
 * browser does, up to three times, and fails only when every one gets no answer.
 */
class HubClientClosedConnectionTest {
    private LocalHub hub;

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aStartWhoseConnectionClosedUnansweredIsSentOnceMore() throws Exception {
        hub = new LocalHub(LocalHub.CLOSE, 202);
        HubClient student = hub.student();
        student.startServer("ada", Duration.ofSeconds(30));
        assertEquals(List.of("GET user", "POST server", "POST server", "GET progress", "GET /user/ada/lab"), hub.asked);
        assertEquals(1, student.resent());
    }

    @Test
    void aStartMeetingASecondClosedConnectionIsSentAgain() throws Exception {
        hub = new LocalHub(LocalHub.CLOSE, LocalHub.CLOSE, 202);
        HubClient student = hub.student();
        student.startServer("ada", Duration.ofSeconds(30));
        assertEquals(
                List.of("GET user", "POST server", "POST server", "POST server", "GET progress", "GET /user/ada/lab"),
                hub.asked);
        assertEquals(2, student.resent());
    }

    @Test
    void aConnectionClosedUnansweredAfterEveryResendIsTheFailure() throws Exception {
        hub = new LocalHub(LocalHub.CLOSE, LocalHub.CLOSE, LocalHub.CLOSE, LocalHub.CLOSE, 202);
        HubClient student = hub.student();
        IOException e = assertThrows(IOException.class, () -> student.startServer("ada", Duration.ofSeconds(30)));
        assertTrue(HubClient.closedBeforeAnswering(e), e.toString());
        assertEquals(List.of("GET user", "POST server", "POST server", "POST server", "POST server"), hub.asked);
        assertEquals(HubClient.RESENDS, student.resent());
    }

    @Test
    void aProgressStreamCutBeforeItSaysReadyIsNotTheFailure() throws Exception {
        // A start that takes minutes: the stream's connection is cut (the JDK's 60 s request timer) before "ready".
        hub = new LocalHub(202);
        hub.cutStreams = 1;
        hub.student().startServer("ada", Duration.ofSeconds(30));
        assertEquals(List.of("GET user", "POST server", "GET progress", "GET user", "GET /user/ada/lab"), hub.asked);
    }
}
