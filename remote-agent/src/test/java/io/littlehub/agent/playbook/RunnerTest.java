package io.littlehub.agent.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.config.HubHealth;
import io.littlehub.agent.ops.AptPackages;
import io.littlehub.agent.ops.FileContent;
import io.littlehub.agent.ops.Restart;
import io.littlehub.agent.ops.RestartedHub;
import io.littlehub.agent.ops.Service;
import io.littlehub.agent.ops.Venv;
import io.littlehub.common.events.Event;
import io.littlehub.common.machine.CommandResult;
import io.littlehub.common.machine.FakeMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RunnerTest {
    private final List<Event> events = new ArrayList<>();

    private static Playbook book(String content) {
        return new Playbook(
                "test",
                List.of(
                        new Task(
                                "hub config",
                                "file",
                                new FileContent("/etc/hub.py", content, "root", "root", 0644),
                                List.of("restart hub")),
                        new Task("hub running", "service", new Service("jupyterhub", true, true), List.of())),
                List.of(new Task("restart hub", "restart", new Restart("jupyterhub", List.of()), List.of())));
    }

    private static List<Integer> counts(Event.Recap r) {
        return List.of(r.ok(), r.changed(), r.failed());
    }

    private static final List<String> RESTART = List.of("systemctl", "restart", "jupyterhub");

    private static FakeMachine serviceRunning() {
        return new FakeMachine()
                .answer(
                        List.of("systemctl", "show"),
                        FakeMachine.ok("NeedDaemonReload=no\nUnitFileState=enabled\nActiveState=active\n"));
    }

    @Test
    void aChangeNotifiesItsHandlerOnceAndASecondRunChangesNothing() {
        FakeMachine m = serviceRunning();
        Event.Recap first = new Runner(m, events::add, false, false).run(book("a=1\n"));
        assertEquals(List.of(1, 2, 0), counts(first), "file changed + handler ran; service was fine");
        assertEquals("a=1\n", m.text("/etc/hub.py"));
        assertEquals(1, m.count(RESTART));

        m.forget();
        Event.Recap second = new Runner(m, events::add, false, false).run(book("a=1\n"));
        assertEquals(List.of(2, 0, 0), counts(second));
        assertFalse(m.ran().contains(RESTART), "nothing changed, so the hub is not restarted");
    }

    @Test
    void aHubThatCouldNotStartFailsBeforeTheOldOneIsStopped() {
        List<String> warm = List.of("/opt/hub/bin/python", "-c", "load the config");
        Playbook book = new Playbook(
                "test",
                List.of(new Task(
                        "hub config",
                        "file",
                        new FileContent("/etc/hub.py", "broken\n", "root", "root", 0644),
                        List.of("restart hub"))),
                List.of(new Task("restart hub", "restart", new Restart("jupyterhub", warm), List.of())));
        FakeMachine m = serviceRunning().answer(warm, FakeMachine.fails(1, "SyntaxError: broken"));
        Event.Recap recap = new Runner(m, events::add, false, false).run(book);
        assertEquals(1, recap.failed());
        assertTrue(m.ran().contains(warm));
        assertFalse(m.ran().contains(RESTART), "the running hub was left alone");
    }

    @Test
    void aFailedRunKeepsItsHandlersForTheNextRun() {
        FakeMachine m = new FakeMachine()
                .answer(List.of("systemctl", "show"), FakeMachine.ok("UnitFileState=disabled\nActiveState=inactive\n"))
                .answer(List.of("systemctl", "enable"), FakeMachine.fails(1, "Unit jupyterhub.service not found."));
        Event.Recap failed = new Runner(m, events::add, false, false).run(book("a=2\n"));
        assertEquals(1, failed.failed());
        assertFalse(m.ran().contains(RESTART), "no handler after a failure");
        assertEquals("restart hub\n", m.text(Runner.PENDING_HANDLERS));
        assertTrue(events.stream()
                .anyMatch(e -> e instanceof Event.TaskResult r
                        && r.status() == Event.Status.FAILED
                        && r.error().contains("not found")));

        FakeMachine fixed = serviceRunning()
                .file(Runner.PENDING_HANDLERS, m.text(Runner.PENDING_HANDLERS))
                .file("/etc/hub.py", m.text("/etc/hub.py"));
        Event.Recap next = new Runner(fixed, events::add, false, false).run(book("a=2\n"));
        assertEquals(List.of(2, 1, 0), counts(next), "nothing else changed, but the kept handler runs");
        assertTrue(fixed.ran().contains(RESTART));
        assertEquals("\n", fixed.text(Runner.PENDING_HANDLERS));
    }

    /**
     * A check run restarts nothing, so it does not wait for the restarted hub: after a base_url change the hub that
     * still runs never answers the new URL, and the gate's check run waited the hub wait's 10 minutes on it.
     */
    @Test
    void checkModeDoesNotWaitForTheHubItDidNotRestart() {
        FakeMachine m = serviceRunning();
        Playbook book = book("a=1\n");
        List<Task> handlers = new ArrayList<>(List.of(
                new Task("restart hub", "restart", new Restart("jupyterhub", List.of()), List.of("hub answers"))));
        handlers.add(new Task(
                "hub answers",
                "hub_check",
                HubHealth.afterRestart("http://127.0.0.1:1/jupyter/hub/health"),
                List.of()));
        Playbook withCheck = new Playbook(book.name(), book.tasks(), handlers);
        Event.Recap r = new Runner(m, events::add, true, false).run(withCheck);
        assertEquals(List.of(2, 2, 0), counts(r), "the file and the restart would change; the wait is not run");
        assertEquals(0, m.count(RestartedHub.SHOW), "systemd is not asked about the hub's units");
    }

    @Test
    void checkModeReportsChangesAndMakesNone() {
        FakeMachine m = serviceRunning();
        Event.Recap r = new Runner(m, events::add, true, true).run(book("a=1\n"));
        assertEquals(1, r.changed() - 1, "the file would change and its handler would run");
        List<String> changes =
                m.log().stream().filter(l -> !l.startsWith("run ")).toList();
        assertEquals(List.of(), changes, "check mode writes nothing");
        assertFalse(m.ran().contains(RESTART));
        assertTrue(events.stream()
                .anyMatch(e -> e instanceof Event.TaskResult t
                        && t.diff() != null
                        && t.diff().contains("+a=1")));
    }

    @Test
    void flushHandlersRunsWhatIsOwedBeforeTheNextTaskAndOnlyOnce() {
        FakeMachine m = serviceRunning();
        Playbook book = new Playbook(
                "test",
                List.of(
                        new Task(
                                "proxy unit",
                                "file",
                                new FileContent("/etc/proxy.service", "port=8000\n", "root", "root", 0644),
                                List.of("restart proxy")),
                        new Task("restarts owed so far", "flush_handlers", null, List.of()),
                        new Task(
                                "front unit",
                                "file",
                                new FileContent("/etc/front.service", "port=80\n", "root", "root", 0644),
                                List.of("restart front"))),
                List.of(
                        new Task("restart proxy", "restart", new Restart("proxy", List.of()), List.of()),
                        new Task("restart front", "restart", new Restart("front", List.of()), List.of())));
        assertEquals(List.of(0, 4, 0), counts(new Runner(m, events::add, false, false).run(book)));
        List<List<String>> restarts =
                m.ran().stream().filter(a -> a.contains("restart")).toList();
        assertEquals(
                List.of(List.of("systemctl", "restart", "proxy"), List.of("systemctl", "restart", "front")),
                restarts,
                "the proxy restarts at the flush, before the front's file is even written; the front at the end; each once");
        assertEquals(
                List.of(2, 0, 0),
                counts(new Runner(m, events::add, false, false).run(book)),
                "a second run changes nothing");
    }

    private static Task file(String name, String path, String... notify) {
        return new Task(name, "file", new FileContent(path, "x\n", "root", "root", 0644), List.of(notify));
    }

    /**
     * One task before, a group of two branches (Node.js from apt, then the proxy's unit; the hub's venv, then its
     * config), one task after; the branch tasks notify a handler each. Indexes 1-6 are the tasks' places.
     */
    private static Playbook grouped() {
        return new Playbook(
                "test",
                List.of(
                        file("before", "/etc/before"),
                        Task.parallel(
                                "built at the same time",
                                List.of(
                                        new Task.Branch(
                                                "system",
                                                List.of(
                                                        new Task(
                                                                "Node.js",
                                                                "apt",
                                                                new AptPackages(List.of("nodejs")),
                                                                List.of()),
                                                        file("proxy unit", "/etc/proxy.service", "restart proxy"))),
                                        new Task.Branch(
                                                "hub",
                                                List.of(
                                                        new Task(
                                                                "hub venv",
                                                                "venv",
                                                                new Venv("/opt/hub", "python3"),
                                                                List.of()),
                                                        file("hub config", "/opt/hub.py", "restart hub"))))),
                        file("after", "/etc/after")),
                List.of(
                        new Task("restart proxy", "restart", new Restart("proxy", List.of()), List.of()),
                        new Task("restart hub", "restart", new Restart("hub", List.of()), List.of())));
    }

    private static final List<String> INSTALL = List.of("apt-get", "install");
    private static final List<String> MAKE_VENV = List.of("python3", "-m", "venv");
    private static final Map<Integer, String> GROUPED_TASKS =
            Map.of(1, "before", 2, "Node.js", 3, "proxy unit", 4, "hub venv", 5, "hub config", 6, "after");

    /** Each index's task name from its one start event, checked against its one result event. */
    private SortedMap<Integer, String> oneStartAndResultPerIndex() {
        SortedMap<Integer, String> started = new TreeMap<>();
        Map<Integer, String> ended = new TreeMap<>();
        for (Event e : events) {
            if (e instanceof Event.TaskStarted t) {
                assertEquals(null, started.put(t.index(), t.name()), "one start event for index " + t.index());
            } else if (e instanceof Event.TaskResult r) {
                assertEquals(null, ended.put(r.index(), r.name()), "one result event for index " + r.index());
            }
        }
        assertEquals(started, ended, "each started task ends with its result, same index and name");
        return started;
    }

    private Event.Status status(String task) {
        return events.stream()
                .filter(e -> e instanceof Event.TaskResult r && r.name().equals(task))
                .map(e -> ((Event.TaskResult) e).status())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + task + ": " + events));
    }

    @Test
    void aParallelGroupsBranchesRunAtTheSameTimeAndTheRunGoesOnWhenBothEnded() {
        // Each branch's install waits for the other's: run one after the other, both would give up after 10 s.
        CyclicBarrier both = new CyclicBarrier(2);
        FakeMachine m = new FakeMachine();
        m.answer(INSTALL, argv -> meet(both)).answer(MAKE_VENV, argv -> meet(both));
        Event.Recap recap = new Runner(m, events::add, false, false).run(grouped());

        assertEquals(List.of(0, 8, 0), counts(recap), "six tasks changed, two handlers ran: " + events);
        assertEquals(6, ((Event.Start) events.get(0)).tasks(), "the start counts the group's tasks, not the group");
        SortedMap<Integer, String> byIndex = oneStartAndResultPerIndex();
        assertEquals(
                GROUPED_TASKS, Map.copyOf(byIndex.headMap(7)), "indexes are the tasks' places, whoever ends first");
        assertEquals(
                List.of("restart proxy", "restart hub"),
                List.copyOf(byIndex.tailMap(7).values()));
        List<String> log = m.log();
        int after = log.indexOf("write /etc/after root:root 644");
        assertTrue(
                after > log.indexOf("write /etc/proxy.service root:root 644")
                        && after > log.indexOf("write /opt/hub.py root:root 644"),
                "the task after the group waits for both branches: " + log);
        assertEquals("\n", m.text(Runner.PENDING_HANDLERS), "both branches' handlers were owed, and ran");
    }

    private static CommandResult meet(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
            return FakeMachine.OK;
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            return FakeMachine.fails(1, "the other branch did not run at the same time");
        }
    }

    @Test
    void aFailedBranchEndsWhileTheOtherFinishesThenTheRunStopsAndARerunFinishes() {
        FakeMachine m = new FakeMachine().answer(INSTALL, FakeMachine.fails(100, "E: Unable to locate package nodejs"));
        Event.Recap failed = new Runner(m, events::add, false, false).run(grouped());

        assertEquals(List.of(0, 3, 1), counts(failed), "before, the hub branch's two tasks; the install failed");
        assertEquals(Event.Status.FAILED, status("Node.js"));
        assertEquals(Event.Status.CHANGED, status("hub config"), "the other branch ran to its end");
        assertEquals(Map.of(1, "before", 2, "Node.js", 4, "hub venv", 5, "hub config"), oneStartAndResultPerIndex());
        assertTrue(
                m.log().stream().noneMatch(l -> l.contains("/etc/proxy.service") || l.contains("/etc/after")),
                "nothing after the failure in its branch, nothing after the group: " + m.log());
        assertEquals(0, m.count(List.of("systemctl", "restart")), "no handler after a failure");
        assertTrue(events.contains(new Event.Note("handlers kept for the next run: restart hub")), events.toString());
        assertEquals("restart hub\n", m.text(Runner.PENDING_HANDLERS));
        assertTrue(events.get(events.size() - 1) instanceof Event.Recap, "the recap ends the run as always");

        // The mirror is back; the venv the first run made is there: the next run finishes the job.
        m.answer(INSTALL, FakeMachine.OK).file("/opt/hub/bin/python", "");
        m.forget();
        events.clear();
        Event.Recap next = new Runner(m, events::add, false, false).run(grouped());
        assertEquals(List.of(3, 5, 0), counts(next), "before, hub venv, hub config ok; the rest and both handlers");
        assertTrue(m.ran().contains(List.of("systemctl", "restart", "hub")), "the kept handler runs");
        assertTrue(m.ran().contains(List.of("systemctl", "restart", "proxy")));
        assertEquals(GROUPED_TASKS, Map.copyOf(oneStartAndResultPerIndex().headMap(7)));
    }

    @Test
    void aParallelGroupInCheckModeChangesNothingAndAConvergedOneReportsOk() {
        FakeMachine m = new FakeMachine();
        Event.Recap checked = new Runner(m, events::add, true, false).run(grouped());
        assertEquals(List.of(0, 8, 0), counts(checked), "every task would change; both handlers would run");
        assertEquals(
                List.of(), m.log().stream().filter(l -> !l.startsWith("run ")).toList(), "nothing written");
        assertEquals(0, m.count(INSTALL) + m.count(MAKE_VENV) + m.count(List.of("systemctl", "restart")));
        assertEquals(GROUPED_TASKS, Map.copyOf(oneStartAndResultPerIndex().headMap(7)));

        new Runner(m, events::add, false, false).run(grouped());
        m.answer(List.of("dpkg-query"), FakeMachine.ok("nodejs\tinstalled\n")).file("/opt/hub/bin/python", "");
        m.forget();
        events.clear();
        Event.Recap converged = new Runner(m, events::add, false, false).run(grouped());
        assertEquals(List.of(6, 0, 0), counts(converged), "a no-op: every task ok, no handler: " + events);
        assertEquals(GROUPED_TASKS, oneStartAndResultPerIndex());
        assertEquals(0, m.count(INSTALL) + m.count(MAKE_VENV) + m.count(List.of("systemctl", "restart")));
    }
}
