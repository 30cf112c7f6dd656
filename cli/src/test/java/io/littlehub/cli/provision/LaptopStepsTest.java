package io.littlehub.cli.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.littlehub.common.events.Event;
import io.littlehub.common.events.HumanReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The laptop's steps on a scripted clock: their times, and one recap for the laptop's and the agent's work. */
class LaptopStepsTest {
    private static final long SECOND = 1_000_000_000L;
    private final List<Event> events = new ArrayList<>();
    private long clock = 7 * SECOND;
    private final LaptopSteps steps = new LaptopSteps(events::add, () -> clock);

    @Test
    void aFailedStepsRecapTakesTheRunsRealTime() {
        long t = steps.now();
        clock += 2 * SECOND;
        steps.result("Facts: Debian 12", false, t, List.of());
        t = steps.now();
        clock += 1_500_000_000L;
        steps.failed("Java runtime for the agent", t, "apt-get install failed");
        assertEquals(
                List.of(
                        new Event.TaskResult(
                                1,
                                "Facts: Debian 12",
                                Event.Kind.LAPTOP,
                                Event.Status.OK,
                                Duration.ofSeconds(2),
                                List.of(),
                                null,
                                null),
                        new Event.TaskResult(
                                2,
                                "Java runtime for the agent",
                                Event.Kind.LAPTOP,
                                Event.Status.FAILED,
                                Duration.ofMillis(1500),
                                List.of(),
                                null,
                                "apt-get install failed"),
                        new Event.Recap(1, 0, 1, Duration.ofMillis(3500))),
                events);
    }

    @Test
    void aFailedStepIsReportedToPeopleWithTheRunsTime() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LaptopSteps human = new LaptopSteps(
                new HumanReport(new PrintStream(buf, true, StandardCharsets.UTF_8), false, "vm"), () -> clock);
        long t = human.now();
        clock += 4_200_000_000L;
        human.failed("Connect over SSH", t, "connection refused");
        assertEquals(
                List.of(
                        "failed:  Connect over SSH  [4.2 s]",
                        "    connection refused",
                        "RECAP vm : ok=0 changed=0 failed=1  (4.2 s)"),
                buf.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void theAgentsRecapCountsTheLaptopsStepsAndTheWholeRunsTime() {
        long t = steps.now();
        clock += SECOND;
        steps.result("littlehub agent on the VM", true, t, List.of("upload littlehub-agent.jar"));
        steps.forward(new Event.TaskStarted(1, "Hub packages", Event.Kind.TASK));
        clock += 60 * SECOND;
        steps.forward(new Event.Recap(18, 3, 0, Duration.ofSeconds(59)));
        assertEquals(new Event.TaskStarted(1, "Hub packages", Event.Kind.TASK), events.get(1));
        assertEquals(new Event.Recap(18, 4, 0, Duration.ofSeconds(61)), events.get(2));
        assertEquals(true, steps.recapped());
    }

    @Test
    void aHeldRecapClosesTheRunAfterTheLaptopsLastStepFailedOrSucceeded() {
        steps.holdRecap();
        clock += 30 * SECOND;
        steps.forward(new Event.Recap(20, 1, 0, Duration.ofSeconds(30)));
        assertEquals(List.of(), events, "held until the laptop's last step");
        long t = steps.now();
        clock += 2 * SECOND;
        steps.failed("Admin password", t, "the hub did not answer");
        assertEquals(new Event.Recap(20, 1, 1, Duration.ofSeconds(32)), events.get(1));
        assertEquals(2, events.size());

        events.clear();
        LaptopSteps ok = new LaptopSteps(events::add, () -> clock);
        ok.holdRecap();
        clock += 30 * SECOND;
        ok.forward(new Event.Recap(20, 1, 0, Duration.ofSeconds(30)));
        t = ok.now();
        clock += SECOND;
        ok.result("Admin password", true, t, List.of("set teacher's password"));
        ok.releaseRecap();
        assertEquals(new Event.Recap(20, 2, 0, Duration.ofSeconds(31)), events.get(1));
    }
}
