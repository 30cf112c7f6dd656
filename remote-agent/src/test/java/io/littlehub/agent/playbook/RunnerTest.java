package io.littlehub.agent.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.ops.FileContent;
import io.littlehub.agent.ops.Restart;
import io.littlehub.agent.ops.Service;
import io.littlehub.common.events.Event;
import io.littlehub.common.machine.FakeMachine;
import java.util.ArrayList;
import java.util.List;
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
}
