package io.littlehub.agent.restart;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock whose sleeps only move it on, each recorded. */
public final class FakeClock implements IdleWait.Clock {
    public Instant now = Instant.parse("2026-12-07T10:00:00Z");
    public final List<Duration> slept = new ArrayList<>();

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void sleep(Duration duration) {
        slept.add(duration);
        now = now.plus(duration);
    }
}
