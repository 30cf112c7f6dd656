package io.littlehub.cli.rehearsal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A student in stays (does not leave) until the last one is in or has failed. */
class ClassInTest {
    @Test
    void theFirstInWaitsForTheLastOne() throws Exception {
        ClassIn classIn = new ClassIn(2, Duration.ofMinutes(1));
        classIn.arrived();
        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
            long t = System.nanoTime();
            try {
                assertTrue(classIn.awaitEveryone());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
        });
        Thread.sleep(300);
        assertFalse(waited.isDone(), "the first student left before the second was in");
        classIn.arrived();
        assertTrue(waited.get(10, TimeUnit.SECONDS) >= 250, "it waited until the second one was in");
    }

    @Test
    void aClassThatNeverGetsInIsWaitedForAtMostTheLongestWait() throws Exception {
        ClassIn classIn = new ClassIn(2, Duration.ofMillis(200));
        classIn.arrived();
        long t = System.nanoTime();
        assertFalse(classIn.awaitEveryone());
        assertTrue(System.nanoTime() - t < TimeUnit.SECONDS.toNanos(5));
    }
}
