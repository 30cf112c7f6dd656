package io.littlehub.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The service operation both ways: enabled and running, or stopped and disabled; facts read from systemctl show. */
class ServiceTest {
    private static Action.Run run(String... argv) {
        return new Action.Run(List.of(argv));
    }

    @Test
    void startsAndEnablesOrStopsAndDisablesOnlyWhatDiffers() {
        Service on = new Service("littlehub-backup.timer", true, true);
        Service off = new Service("littlehub-backup.timer", false, false);
        Service.Facts running = new Service.Facts(false, true, true);
        Service.Facts stopped = new Service.Facts(false, false, false);
        assertEquals(
                List.of(
                        run("systemctl", "enable", "littlehub-backup.timer"),
                        run("systemctl", "start", "littlehub-backup.timer")),
                on.plan(stopped));
        assertEquals(List.of(), on.plan(running));
        assertEquals(
                List.of(
                        run("systemctl", "disable", "littlehub-backup.timer"),
                        run("systemctl", "stop", "littlehub-backup.timer")),
                off.plan(running));
        assertEquals(List.of(), off.plan(stopped), "a stopped, disabled (or missing) unit is left alone");
        assertEquals(
                List.of(run("systemctl", "stop", "littlehub-backup.timer")),
                off.plan(new Service.Facts(false, false, true)));
        assertEquals(List.of(run("systemctl", "daemon-reload")), on.plan(new Service.Facts(true, true, true)));
    }

    @Test
    void factsComeFromTheUnitAndTheUnitsItTriggers() {
        String timer =
                "NeedDaemonReload=no\nUnitFileState=enabled\nActiveState=active\nTriggers=littlehub-backup.service\n";
        assertEquals(List.of("littlehub-backup.service"), Service.triggers(timer));
        assertEquals(new Service.Facts(false, true, true), Service.Facts.of(timer, "NeedDaemonReload=no\n"));
        assertEquals(
                new Service.Facts(true, true, true),
                Service.Facts.of(timer, "NeedDaemonReload=yes\n"),
                "the timer's service file changed: reload before the timer starts it again");
        String missing = "NeedDaemonReload=no\nUnitFileState=\nActiveState=inactive\nTriggers=\n";
        assertEquals(List.of(), Service.triggers(missing));
        assertEquals(new Service.Facts(false, false, false), Service.Facts.of(missing, ""));
        assertEquals(
                new Service.Facts(false, false, false),
                Service.Facts.of("UnitFileState=enabled-runtime\nActiveState=failed\n", ""),
                "enabled until the next boot is not enabled; failed is not running");
    }
}
