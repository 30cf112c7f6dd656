package io.littlehub.agent.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.common.machine.CommandResult;
import io.littlehub.agent.ops.FileContent;
import io.littlehub.agent.ops.Restart;
import io.littlehub.agent.ops.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnerTest {
    private final List<Map<String, Object>> events = new ArrayList<>();

    private static Playbook book(String content) {
        return new Playbook("test", List.of(
                new Task("hub config", "file", new FileContent("/etc/hub.py", content, "root", "root", 0644), List.of("restart hub")),
                new Task("hub running", "service", new Service("jupyterhub", true, true), List.of())),
                List.of(new Task("restart hub", "restart", new Restart("jupyterhub"), List.of())));
    }

    private static final List<String> RESTART = List.of("systemctl", "restart", "jupyterhub");

    private static FakeMachine serviceRunning() {
        FakeMachine m = new FakeMachine();
        m.programs = argv -> argv.contains("show") ? new CommandResult(0, "NeedDaemonReload=no\nUnitFileState=enabled\nActiveState=active\n", "")
                : new CommandResult(0, "", "");
        return m;
    }

    @Test
    void aChangeNotifiesItsHandlerOnceAndASecondRunChangesNothing() {
        FakeMachine m = serviceRunning();
        Runner.Recap first = new Runner(m, events::add, false, false).run(book("a=1\n"));
        assertEquals(new Runner.Recap(1, 2, 0), first, "file changed + handler ran; service was fine");
        assertEquals("a=1\n", m.text("/etc/hub.py"));
        assertEquals(1, m.ran.stream().filter(RESTART::equals).count());

        m.ran.clear();
        Runner.Recap second = new Runner(m, events::add, false, false).run(book("a=1\n"));
        assertEquals(new Runner.Recap(2, 0, 0), second);
        assertFalse(m.ran.contains(RESTART), "nothing changed, so the hub is not restarted");
    }

    @Test
    void aFailedRunKeepsItsHandlersForTheNextRun() {
        FakeMachine m = serviceRunning();
        m.programs = argv -> argv.contains("show") ? new CommandResult(0, "UnitFileState=disabled\nActiveState=inactive\n", "")
                : argv.contains("enable") ? new CommandResult(1, "", "Unit jupyterhub.service not found.") : new CommandResult(0, "", "");
        Runner.Recap failed = new Runner(m, events::add, false, false).run(book("a=2\n"));
        assertEquals(1, failed.failed());
        assertFalse(m.ran.contains(RESTART), "no handler after a failure");
        assertEquals("restart hub\n", m.text(Runner.PENDING_HANDLERS));
        assertTrue(events.stream().anyMatch(e -> "failed".equals(e.get("status")) && String.valueOf(e.get("error")).contains("not found")));

        FakeMachine fixed = serviceRunning();
        fixed.files.putAll(m.files);
        fixed.attrs.putAll(m.attrs);
        Runner.Recap next = new Runner(fixed, events::add, false, false).run(book("a=2\n"));
        assertEquals(new Runner.Recap(2, 1, 0), next, "nothing else changed, but the kept handler runs");
        assertTrue(fixed.ran.contains(RESTART));
        assertEquals("\n", fixed.text(Runner.PENDING_HANDLERS));
    }

    @Test
    void checkModeReportsChangesAndMakesNone() {
        FakeMachine m = serviceRunning();
        Runner.Recap r = new Runner(m, events::add, true, true).run(book("a=1\n"));
        assertEquals(1, r.changed() - 1, "the file would change and its handler would run");
        assertTrue(m.files.isEmpty(), "check mode writes nothing");
        assertFalse(m.ran.contains(RESTART));
        assertTrue(events.stream().anyMatch(e -> String.valueOf(e.get("diff")).contains("+a=1")));
    }

    @Test
    void flushHandlersRunsWhatIsOwedBeforeTheNextTaskAndOnlyOnce() {
        FakeMachine m = serviceRunning();
        Playbook book = new Playbook("test", List.of(
                new Task("proxy unit", "file", new FileContent("/etc/proxy.service", "port=8000\n", "root", "root", 0644), List.of("restart proxy")),
                new Task("restarts owed so far", "flush_handlers", null, List.of()),
                new Task("front unit", "file", new FileContent("/etc/front.service", "port=80\n", "root", "root", 0644), List.of("restart front"))),
                List.of(new Task("restart proxy", "restart", new Restart("proxy"), List.of()),
                        new Task("restart front", "restart", new Restart("front"), List.of())));
        assertEquals(new Runner.Recap(0, 4, 0), new Runner(m, events::add, false, false).run(book));
        List<List<String>> restarts = m.ran.stream().filter(a -> a.contains("restart")).toList();
        assertEquals(List.of(List.of("systemctl", "restart", "proxy"), List.of("systemctl", "restart", "front")), restarts,
                "the proxy restarts at the flush, before the front's file is even written; the front at the end; each once");
        assertEquals(new Runner.Recap(2, 0, 0), new Runner(m, events::add, false, false).run(book), "a second run changes nothing");
    }
}
