package io.littlehub.agent.restart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.students.HubRefused;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The --when-idle loop on a scripted clock: the hub's answers in, the lines said and the time slept out. */
class IdleWaitTest {
    private final FakeClock clock = new FakeClock();
    private final List<String> said = new ArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();

    private static HubActivity active(String... names) {
        return new HubActivity(List.of(names), List.of(names));
    }

    private boolean await(Duration timeout) throws InterruptedException, HubRefused {
        IdleWait.Look look = () -> {
            Object next = answers.size() > 1 ? answers.pop() : answers.peek();
            if (next instanceof IOException e) {
                throw e;
            }
            return (HubActivity) next;
        };
        return new IdleWait(look, clock, Duration.ofSeconds(15), timeout, said::add).await();
    }

    @Test
    void waitsWhileSomeoneIsActiveThenGoesOn() throws Exception {
        answers.addAll(List.of(active("ada", "bob"), active("ada", "bob"), active("ada"), HubActivity.NOBODY));
        assertTrue(await(Duration.ofMinutes(10)));
        assertEquals(
                List.of(
                        "waiting until nobody is active: 2 people (ada, bob); gives up in 10 min",
                        "waiting until nobody is active: 1 person (ada); gives up in 9 min",
                        "nobody is active now (after 45 s): applying"),
                said);
        assertEquals(List.of(Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(15)), clock.slept);
    }

    @Test
    void givesUpAtTheTimeoutSayingItOnceAMinuteMeanwhile() throws Exception {
        answers.add(active("ada"));
        assertFalse(await(Duration.ofSeconds(100)));
        assertEquals(
                List.of(
                        "waiting until nobody is active: 1 person (ada); gives up in 100 s",
                        "waiting until nobody is active: 1 person (ada); gives up in 40 s"),
                said);
        assertEquals(Duration.ofSeconds(100), clock.slept.stream().reduce(Duration.ZERO, Duration::plus));
        assertEquals(
                Duration.ofSeconds(10), clock.slept.get(clock.slept.size() - 1), "the last sleep ends at the timeout");
    }

    @Test
    void aHubThatRefusesTheTokenEndsTheWait() {
        answers.addAll(List.of(active("ada"), new HubRefused("403"), HubActivity.NOBODY));
        assertThrows(HubRefused.class, () -> await(Duration.ofMinutes(5)));
        assertEquals(List.of("waiting until nobody is active: 1 person (ada); gives up in 5 min"), said);
    }

    @Test
    void aHubThatDoesNotAnswerIsAskedAgain() throws Exception {
        answers.addAll(List.of(active("ada"), new IOException("connection refused"), HubActivity.NOBODY));
        assertTrue(await(Duration.ofMinutes(5)));
        assertEquals(
                List.of(
                        "waiting until nobody is active: 1 person (ada); gives up in 5 min",
                        "cannot ask the hub who is active (connection refused): asking again",
                        "nobody is active now (after 30 s): applying"),
                said);
    }

    @Test
    void timesLeftAreRoundedUp() {
        assertEquals("20 s", IdleWait.seconds(Duration.ofMillis(19_980)));
        assertEquals("20 s", IdleWait.seconds(Duration.ofSeconds(20)));
        assertEquals("2 min", IdleWait.seconds(Duration.ofSeconds(120)));
        assertEquals("0 s", IdleWait.seconds(Duration.ZERO));
    }

    @Test
    void nobodyActiveAtTheStartGoesOnAtOnce() throws Exception {
        answers.add(HubActivity.NOBODY);
        assertTrue(await(Duration.ofSeconds(1)));
        assertEquals(List.of(), clock.slept);
    }
}
