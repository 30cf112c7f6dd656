package io.littlehub.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.cli.provision.HubClient;
import io.littlehub.cli.provision.TeacherLaptop;
import io.littlehub.cli.transport.ScriptedPrompter;
import io.littlehub.common.ExitCodes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 21: a config change that restarts the hub says so first when someone is active, asks on a terminal, and with
 * --when-idle waits until nobody is active (or gives up, nothing changed). One hub, one student (ada) whose server is
 * running and was just used; the setting changed is services.cull.timeout, which is in jupyterhub_config.py.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartWhenIdleIT {
    private static final String KEY = "services.cull.timeout";

    @AutoClose
    static TeacherLaptop laptop;

    static HubClient ada;

    @BeforeAll
    static void hubWithAnActiveStudent() throws Exception {
        laptop = TeacherLaptop.boot("restart-idle-" + ProcessHandle.current().pid());
        laptop.ok("add-student", "ada");
        ada = laptop.signedInWithServer("ada");
    }

    static String hubPid() {
        return laptop.vm
                .check("systemctl", "show", "--property=MainPID", "--value", "jupyterhub")
                .strip();
    }

    static String configFile() {
        return laptop.vm.check("sudo", "cat", "/etc/littlehub/config.yaml");
    }

    @Test
    @Order(1)
    void aScriptWithoutAChoiceIsToldWhoIsActiveAndTheChangeIsApplied() {
        String pid = hubPid();
        TeacherLaptop.Run r = laptop.littlehub("config", "set", KEY, "1200");
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertTrue(
                r.err().contains("this change restarts jupyterhub: the hub is away for a few seconds")
                        && r.err()
                                .contains("1 person active in the last 10 min (ada), 1 server running; running"
                                        + " servers keep running"),
                r.toString());
        assertTrue(r.err().contains("applying now (--when-idle would wait until nobody is active)"), r.toString());
        assertTrue(configFile().contains("timeout: 1200"), configFile());
        assertNotEquals(pid, hubPid(), "the hub restarted");
    }

    @Test
    @Order(2)
    void atATerminalTheTeacherIsAskedAndNoChangesNothing() {
        String pid = hubPid();
        ScriptedPrompter teacher = new ScriptedPrompter().yes(false);
        TeacherLaptop.Run r = laptop.atTerminal(teacher, "config", "set", KEY, "1300");
        assertEquals(ExitCodes.PEOPLE_ACTIVE, r.exit(), r.toString());
        assertEquals(java.util.List.of("Restart the hub now?"), teacher.asked);
        assertTrue(r.err().contains("1 person active in the last 10 min (ada)"), r.toString());
        assertTrue(r.err().contains("nothing changed"), r.toString());
        assertTrue(configFile().contains("timeout: 1200"), configFile());
        assertEquals(pid, hubPid(), "no restart");
    }

    @Test
    @Order(3)
    void whenIdleGivesUpWhileAdaIsActiveWithNothingChanged() {
        String pid = hubPid();
        long t = System.nanoTime();
        TeacherLaptop.Run r = laptop.littlehub("config", "set", KEY, "1300", "--when-idle", "--idle-timeout", "20");
        long seconds = (System.nanoTime() - t) / 1_000_000_000;
        assertEquals(ExitCodes.PEOPLE_ACTIVE, r.exit(), r.toString());
        assertTrue(r.err().contains("waiting until nobody is active: 1 person (ada); gives up in "), r.toString());
        assertTrue(r.err().contains("still active after 20 s: nothing changed"), r.toString());
        assertTrue(seconds >= 20, "it waited its 20 s: " + seconds);
        assertTrue(configFile().contains("timeout: 1200"), configFile());
        assertEquals(pid, hubPid(), "no restart");
    }

    @Test
    @Order(4)
    void whenIdleAppliesOnceAdasServerHasStopped() throws Exception {
        String pid = hubPid();
        CompletableFuture<TeacherLaptop.Run> waiting = CompletableFuture.supplyAsync(
                () -> laptop.littlehub("config", "set", KEY, "1300", "--when-idle", "--idle-timeout", "240"));
        Thread.sleep(30_000);
        assertFalse(waiting.isDone(), "still waiting while ada is active");
        assertTrue(configFile().contains("timeout: 1200"), "not applied yet: " + configFile());
        assertEquals(pid, hubPid(), "no restart yet");
        ada.stopServer("ada", Duration.ofSeconds(60));
        long stopped = System.nanoTime();
        TeacherLaptop.Run r = waiting.get(4, TimeUnit.MINUTES);
        System.out.printf(
                "RestartWhenIdleIT: applied %d s after ada's server stopped%n",
                (System.nanoTime() - stopped) / 1_000_000_000);
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertTrue(r.err().contains("waiting until nobody is active: 1 person (ada)"), r.toString());
        assertTrue(r.err().contains("nobody is active now (after "), r.toString());
        assertTrue(configFile().contains("timeout: 1300"), configFile());
        assertNotEquals(pid, hubPid(), "the hub restarted once nobody was active");
    }
}
