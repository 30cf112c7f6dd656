package io.littlehub.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every event as its JSON line, exactly as `--json` users and older laptops read it, and back. */
class EventJsonTest {
    /** JSON written with ' for ", to stay readable. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static void wire(Event event, String singleQuoted) {
        assertEquals(json(singleQuoted), EventJson.write(event));
        assertEquals(event, EventJson.read(json(singleQuoted)));
    }

    @Test
    void start() {
        wire(
                new Event.Start("provision", 21, false),
                "{'event':'start','playbook':'provision','tasks':21,'check':false}");
        wire(
                new Event.Start("env install", 4, true),
                "{'event':'start','playbook':'env install','tasks':4,'check':true}");
    }

    @Test
    void aTaskOrAHandlerStartsUnderItsOwnEventName() {
        wire(
                new Event.TaskStarted(3, "Hub packages", Event.Kind.TASK),
                "{'event':'task','index':3,'name':'Hub packages'}");
        wire(
                new Event.TaskStarted(22, "restart hub", Event.Kind.HANDLER),
                "{'event':'handler','index':22,'name':'restart hub'}");
        assertThrows(IllegalArgumentException.class, () -> new Event.TaskStarted(1, "Facts", Event.Kind.LAPTOP));
    }

    @Test
    void progress() {
        wire(
                new Event.Progress(3, "Collecting jupyterhub==5.3.0 « ü »"),
                "{'event':'progress','index':3,'line':'Collecting jupyterhub==5.3.0 « ü »'}");
    }

    @Test
    void resultsOfEveryKindAndStatusWithDurationsInMilliseconds() {
        wire(
                new Event.TaskResult(
                        3,
                        "Hub config",
                        Event.Kind.TASK,
                        Event.Status.CHANGED,
                        Duration.ofMillis(8123),
                        List.of("write /opt/littlehub/current/jupyterhub_config.py"),
                        "--- before\n+++ after\n",
                        null),
                "{'event':'result','index':3,'name':'Hub config','kind':'task','status':'changed','ms':8123,"
                        + "'actions':['write /opt/littlehub/current/jupyterhub_config.py'],"
                        + "'diff':'--- before\\n+++ after\\n'}");
        wire(
                new Event.TaskResult(
                        22,
                        "hub answers",
                        Event.Kind.HANDLER,
                        Event.Status.FAILED,
                        Duration.ofMillis(120000),
                        List.of(),
                        null,
                        "no answer from http://127.0.0.1:8081/hub/health"),
                "{'event':'result','index':22,'name':'hub answers','kind':'handler','status':'failed','ms':120000,"
                        + "'actions':[],'error':'no answer from http://127.0.0.1:8081/hub/health'}");
        wire(
                new Event.TaskResult(
                        1,
                        "Facts: Debian 12",
                        Event.Kind.LAPTOP,
                        Event.Status.OK,
                        Duration.ZERO,
                        List.of(),
                        null,
                        null),
                "{'event':'result','index':1,'name':'Facts: Debian 12','kind':'laptop','status':'ok','ms':0,"
                        + "'actions':[]}");
    }

    @Test
    void noteAndRecap() {
        wire(
                new Event.Note("handlers kept for the next run: restart hub"),
                "{'event':'note','message':'handlers kept for the next run: restart hub'}");
        wire(
                new Event.Recap(18, 3, 0, Duration.ofMillis(95012)),
                "{'event':'recap','ok':18,'changed':3,'failed':0,'ms':95012}");
    }

    @Test
    void aResultWithoutActionsFromAnOlderAgentReadsAsNone() {
        assertEquals(
                new Event.TaskResult(
                        2, "Record", Event.Kind.TASK, Event.Status.OK, Duration.ofMillis(5), List.of(), null, null),
                EventJson.read(
                        json("{'event':'result','index':2,'name':'Record','kind':'task','status':'ok','ms':5}")));
    }

    @Test
    void whatIsNotAnEventIsRefusedNamingWhy() {
        assertTrue(refusal("Picked up JAVA_TOOL_OPTIONS: -Xmx256m").startsWith("not JSON"));
        assertTrue(refusal("[1,2]").startsWith("not a JSON object"));
        assertTrue(refusal("{'event':'dance'}").startsWith("unknown event \"dance\""));
        assertTrue(refusal("{'event':'recap','ok':1,'changed':0,'ms':3}").startsWith("event without \"failed\""));
        assertTrue(
                refusal("{'event':'progress','index':'3','line':'x'}").startsWith("\"index\" is not a whole number"));
        assertTrue(refusal("{'event':'note','message':7}").startsWith("\"message\" is not a string"));
        assertTrue(refusal("{'event':'result','index':1,'name':'x','kind':'task','status':'skipped','ms':1}")
                .startsWith("unknown status \"skipped\""));
    }

    private static String refusal(String singleQuoted) {
        return assertThrows(IllegalArgumentException.class, () -> EventJson.read(json(singleQuoted)))
                .getMessage();
    }
}
