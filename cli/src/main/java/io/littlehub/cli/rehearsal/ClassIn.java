package io.littlehub.cli.rehearsal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * When the whole class is in: every student of a rehearsal has had their first cell answered, or has failed. A
 * student's stay starts then, as in a class, where those in first stay while the others still arrive: no student
 * leaves during the class start, so its figures are not charged with servers stopping (about half a second of CPU
 * each), which in a class comes at its end.
 */
final class ClassIn {
    private final CountDownLatch waiting;
    private final Duration longest;

    /** {@code longest}: how long a student in waits at most for the others (a class that never gets in). */
    ClassIn(int students, Duration longest) {
        waiting = new CountDownLatch(students);
        this.longest = longest;
    }

    /** One student is in (or has failed): called once per student. */
    void arrived() {
        waiting.countDown();
    }

    /** Waits until every student is in, at most the longest wait; true when they all are. */
    boolean awaitEveryone() throws InterruptedException {
        return waiting.await(longest.toMillis(), TimeUnit.MILLISECONDS);
    }
}
