package io.littlehub.common.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pause and words of JupyterHub's 429, as the hub's API sends it. */
class BusyHubTest {
    private static final String SPAWN_LIMIT =
            "{\"status\": 429, \"message\": \"Too many users trying to log in right now. Try again in 20 seconds.\"}";

    @Test
    void theRetryAfterHeaderNamesThePause() {
        BusyHub busy = BusyHub.of(Optional.of("7"), SPAWN_LIMIT);
        assertEquals(Duration.ofSeconds(7), busy.pause());
        assertEquals("Too many users trying to log in right now", busy.message());
    }

    @Test
    void withoutTheHeaderTheMessageNamesIt() {
        assertEquals(
                Duration.ofSeconds(20),
                BusyHub.of(Optional.empty(), SPAWN_LIMIT).pause());
        assertEquals(
                Duration.ofSeconds(5),
                BusyHub.of(Optional.empty(), "busy, retry in 5 s").pause());
        assertEquals(
                Duration.ofMinutes(1),
                BusyHub.of(Optional.empty(), "Try again in 1 minute.").pause());
        // An HTTP date instead of seconds: the message decides.
        assertEquals(
                Duration.ofSeconds(20),
                BusyHub.of(Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"), SPAWN_LIMIT)
                        .pause());
    }

    @Test
    void noTimeNamedIsTheFallbackAndEveryPauseIsBounded() {
        BusyHub full = BusyHub.of(
                Optional.empty(),
                "{\"status\": 429, \"message\": \"Active user limit exceeded. Try again in a few minutes.\"}");
        assertEquals(BusyHub.FALLBACK, full.pause());
        assertEquals("Active user limit exceeded", full.message());
        assertEquals(BusyHub.SHORTEST, BusyHub.of(Optional.of("0"), "").pause());
        assertEquals(BusyHub.LONGEST, BusyHub.of(Optional.of("3600"), "").pause());
        assertEquals(
                BusyHub.LONGEST,
                BusyHub.of(Optional.empty(), "try again in 90 minutes").pause());
        assertEquals("the hub is busy", BusyHub.of(Optional.empty(), "").message());
    }
}
