package io.littlehub.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.status.SystemdOutput;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.config.Layout;
import io.littlehub.common.machine.FakeMachine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The health timer's {@code heal} as data: systemd's view and the HTTP answers in, the exact commands out. */
class HealCommandTest {
    private static final List<String> SHOW = List.of(
            "systemctl",
            "show",
            "--timestamp=unix",
            "-p",
            SystemdOutput.PROPERTIES,
            "jupyterhub.service",
            "littlehub-proxy.service");
    private static final List<String> KILL_HUB = List.of("systemctl", "kill", "--signal=SIGKILL", "jupyterhub.service");
    private static final List<String> RESET_HUB = List.of("systemctl", "reset-failed", "jupyterhub.service");
    private static final List<String> RESTART_HUB = List.of("systemctl", "restart", "jupyterhub.service");
    private static final List<String> KILL_PROXY =
            List.of("systemctl", "kill", "--signal=SIGKILL", "littlehub-proxy.service");
    private static final List<String> RESTART_PROXY = List.of("systemctl", "restart", "littlehub-proxy.service");
    private static final String HUB_MARKER = HealCommand.ANSWERED + "jupyterhub.service";
    /** Both units became active at @1000 (the marker holds that start). */
    private static final String STARTED = Instant.ofEpochSecond(1000).toString();

    private final FakeMachine vm = new FakeMachine().file(Layout.CONFIG_FILE, "http: {port: 80}\n");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int hubStatus = 200;
    private int proxyStatus = 200;

    private static String unit(String id, String state) {
        return "Id=" + id + "\nLoadState=loaded\nActiveState=" + state
                + "\nSubState=running\nActiveEnterTimestamp=@1000\n" + "StateChangeTimestamp=@1000\n";
    }

    private void systemd(String hubState, String proxyState) {
        vm.answer(
                SHOW,
                FakeMachine.ok(
                        unit("jupyterhub.service", hubState) + "\n" + unit("littlehub-proxy.service", proxyState)));
    }

    /** heal, {@code upSeconds} after the units started; the hub's own port is 8081, the proxy's 80. */
    private int heal(long upSeconds, boolean changeInProgress) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1000 + upSeconds), ZoneOffset.UTC);
        return new HealCommand(
                        vm,
                        url -> url.contains(":8081/") ? hubStatus : proxyStatus,
                        () -> changeInProgress,
                        clock,
                        Duration.ZERO,
                        new PrintStream(out, true, StandardCharsets.UTF_8))
                .call();
    }

    @Test
    void aHealthyHubIsLeftAloneAndItsAnswerRemembered() {
        systemd("active", "active");
        assertEquals(ExitCodes.OK, heal(60, false));
        vm.assertRan(SHOW);
        assertEquals(STARTED, vm.text(HUB_MARKER));
        assertEquals(
                List.of(
                        "run " + String.join(" ", SHOW),
                        "write " + HUB_MARKER + " root:root 644",
                        "write " + HealCommand.ANSWERED + "littlehub-proxy.service root:root 644"),
                vm.log());
    }

    @Test
    void aHubThatAnsweredSinceItStartedAndNoLongerDoesIsKilledAndStarted() {
        systemd("active", "active");
        vm.file(HUB_MARKER, STARTED);
        hubStatus = 503;
        assertEquals(ExitCodes.OK, heal(60, false));
        vm.assertRan(SHOW, KILL_HUB, RESTART_HUB);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("jupyterhub.service runs but does not answer"));
    }

    @Test
    void anAnswerFromAnEarlierStartDoesNotCount() {
        systemd("active", "active");
        vm.file(HUB_MARKER, Instant.ofEpochSecond(10).toString());
        hubStatus = -1;
        assertEquals(ExitCodes.OK, heal(60, false));
        vm.assertRan(SHOW);
        assertEquals(ExitCodes.OK, heal(HubWatch.STARTUP_SECONDS, false), "after the startup time it counts as stuck");
        vm.assertRan(SHOW, SHOW, KILL_HUB, RESTART_HUB);
    }

    @Test
    void aUnitSystemdGaveUpOnIsResetAndStarted() {
        systemd("failed", "active");
        assertEquals(ExitCodes.OK, heal(60, false));
        vm.assertRan(SHOW, RESET_HUB, RESTART_HUB);
    }

    @Test
    void aProxyThatDoesNotAnswerAtAllIsKilledFirstThenTheHub() {
        systemd("active", "active");
        vm.file(HUB_MARKER, STARTED).file(HealCommand.ANSWERED + "littlehub-proxy.service", STARTED);
        hubStatus = -1;
        proxyStatus = -1;
        assertEquals(ExitCodes.OK, heal(60, false));
        vm.assertRan(SHOW, KILL_PROXY, RESTART_PROXY, KILL_HUB, RESTART_HUB);
    }

    @Test
    void nothingIsTouchedWhileALittlehubChangeHoldsTheLock() {
        systemd("failed", "failed");
        assertEquals(ExitCodes.OK, heal(60, true));
        vm.assertRan(SHOW);
    }

    @Test
    void aRestartThatFailsFailsTheRunAndSaysWhy() {
        systemd("failed", "active");
        vm.answer(
                RESTART_HUB,
                FakeMachine.fails(1, "Job for jupyterhub.service failed because the control process exited"));
        assertEquals(ExitCodes.FAILED, heal(60, false));
        vm.assertRan(SHOW, RESET_HUB, RESTART_HUB);
        assertTrue(out.toString(StandardCharsets.UTF_8)
                .contains("jupyterhub.service did not start: Job for jupyterhub.service failed"));
    }
}
