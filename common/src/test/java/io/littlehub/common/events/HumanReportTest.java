package io.littlehub.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scripted event stream in, the exact lines a person sees out. */
class HumanReportTest {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private long clock = 1_000_000;

    private List<String> report(boolean showDiff, Event... events) {
        HumanReport report = new HumanReport(
                new PrintStream(buf, true, StandardCharsets.UTF_8), showDiff, "hub.example.org", () -> clock);
        for (Event e : events) {
            report.emit(e);
            clock += 500;
        }
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aRunWithProgressAChangeAHandlerAFailureAndTheRecap() {
        List<String> lines = report(
                true,
                new Event.Start("provision", 3, false),
                new Event.TaskStarted(1, "Hub packages", Event.Kind.TASK),
                new Event.Progress(1, "  Collecting jupyterhub==5.3.0  "),
                new Event.Progress(1, "Collecting tornado (shown 0.5 s later: dropped)"),
                new Event.Progress(1, "   "),
                new Event.Progress(1, "x".repeat(120)),
                new Event.Progress(1, "Installing (2 s after the first shown line)"),
                new Event.TaskResult(
                        1,
                        "Hub packages",
                        Event.Kind.TASK,
                        Event.Status.CHANGED,
                        Duration.ofMillis(8149),
                        List.of("pip install jupyterhub==5.3.0", "pip install tornado"),
                        "--- a\n+++ b\n",
                        null),
                new Event.TaskResult(
                        2,
                        "Hub config",
                        Event.Kind.TASK,
                        Event.Status.OK,
                        Duration.ofMillis(40),
                        List.of(),
                        null,
                        null),
                new Event.TaskStarted(3, "restart hub", Event.Kind.HANDLER),
                new Event.TaskResult(
                        3,
                        "restart hub",
                        Event.Kind.HANDLER,
                        Event.Status.FAILED,
                        Duration.ofMillis(1960),
                        List.of("systemctl restart jupyterhub"),
                        null,
                        "`systemctl restart jupyterhub` failed (exit 1):\nno unit"),
                new Event.Note("handlers kept for the next run: restart hub"),
                new Event.Recap(1, 1, 1, Duration.ofMillis(95012)));
        assertEquals(
                List.of(
                        "PLAYBOOK provision on hub.example.org",
                        "    … Collecting jupyterhub==5.3.0",
                        "    … Installing (2 s after the first shown line)",
                        "changed: Hub packages  [8.1 s]",
                        "    - pip install jupyterhub==5.3.0",
                        "    - pip install tornado",
                        "    --- a",
                        "    +++ b",
                        "ok:      Hub config  [0.0 s]",
                        "failed:  HANDLER restart hub  [2.0 s]",
                        "    `systemctl restart jupyterhub` failed (exit 1):",
                        "    no unit",
                        "NOTE handlers kept for the next run: restart hub",
                        "RECAP hub.example.org : ok=1 changed=1 failed=1  (95.0 s)"),
                lines);
    }

    @Test
    void checkModeSaysSoDiffsOnlyWhenAskedAndLongLinesAreCut() {
        List<String> lines = report(
                false,
                new Event.Start("provision", 1, true),
                new Event.Progress(1, "y".repeat(101)),
                new Event.TaskResult(
                        1,
                        "Laptop step",
                        Event.Kind.LAPTOP,
                        Event.Status.CHANGED,
                        Duration.ofMillis(1250),
                        List.of("upload littlehub-agent.jar"),
                        "--- a\n+++ b\n",
                        null),
                new Event.Recap(0, 1, 0, Duration.ofMillis(1300)));
        assertEquals(
                List.of(
                        "PLAYBOOK provision on hub.example.org (check mode: nothing is changed)",
                        "    … " + "y".repeat(100) + "…",
                        "changed: Laptop step  [1.3 s]",
                        "    - upload littlehub-agent.jar",
                        "RECAP hub.example.org : ok=0 changed=1 failed=0  (1.3 s)"),
                lines);
    }

    private static Event.TaskResult changed(int index, String name) {
        return new Event.TaskResult(
                index, name, Event.Kind.TASK, Event.Status.CHANGED, Duration.ofMillis(2000), List.of(), null, null);
    }

    @Test
    void whileTasksRunAtOnceAProgressLineNamesItsTask() {
        clock = 0;
        List<String> lines = report(
                false,
                new Event.Start("provision", 3, false),
                new Event.TaskStarted(2, "Hub packages", Event.Kind.TASK),
                new Event.Progress(2, "Resolved 40 packages (alone: no name)"),
                new Event.TaskStarted(3, "Users' packages", Event.Kind.TASK),
                new Event.Progress(3, "dropped (1 s after the shown line)"),
                new Event.Progress(3, "dropped (1.5 s after)"),
                new Event.Progress(3, "Resolved 120 packages"),
                new Event.Progress(2, "dropped"),
                changed(2, "Hub packages"),
                new Event.Progress(3, "dropped"),
                new Event.Progress(3, "Installed 120 packages (alone again)"),
                changed(3, "Users' packages"));
        assertEquals(
                List.of(
                        "PLAYBOOK provision on hub.example.org",
                        "    … Resolved 40 packages (alone: no name)",
                        "    … [Users' packages] Resolved 120 packages",
                        "changed: Hub packages  [2.0 s]",
                        "    … Installed 120 packages (alone again)",
                        "changed: Users' packages  [2.0 s]"),
                lines);
    }
}
