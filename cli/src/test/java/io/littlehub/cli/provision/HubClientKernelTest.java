package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A student's kernel: after the server's page opened, started as that page does, the page not loaded again. */
class HubClientKernelTest {
    private LocalHub hub;

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void theFirstKernelStartsFromTheOpenedPageWithItsXsrfCookie() throws Exception {
        hub = LocalHub.running();
        HubClient student = hub.student();
        student.startServer("ada", Duration.ofSeconds(30));
        assertEquals("k1", student.startKernelFromOpenPage("ada"));
        assertEquals(List.of("GET user", "GET /user/ada/lab", "POST kernels"), hub.asked);
    }

    @Test
    void aKernelStartedWithoutAnOpenPageLoadsThePageFirst() throws Exception {
        hub = LocalHub.running();
        assertEquals("k1", hub.student().startKernel("ada"));
        assertEquals(List.of("GET /user/ada/lab", "POST kernels"), hub.asked);
    }
}
