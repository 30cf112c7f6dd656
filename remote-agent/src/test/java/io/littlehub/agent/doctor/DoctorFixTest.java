package io.littlehub.agent.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.status.HubStatus;
import io.littlehub.common.ExitCodes;
import io.littlehub.common.machine.FakeMachine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code doctor --fix} as data: what the VM looks like in, the exact fixing commands, the report and exit code out. */
class DoctorFixTest {
    private static final long GIB = 1L << 30;
    private static final HubStatus.Unit FAILED_HUB =
            new HubStatus.Unit("jupyterhub.service", "loaded", "failed", "failed", null, null, null);
    private static final HubStatus.Unit PROXY =
            new HubStatus.Unit("littlehub-proxy.service", "loaded", "active", "running", null, 60L, null);
    private static final List<String> RESET_HUB = List.of("systemctl", "reset-failed", "jupyterhub.service");
    private static final List<String> RESTART_HUB = List.of("systemctl", "restart", "jupyterhub.service");
    private static final List<String> RESTART_PROXY = List.of("systemctl", "restart", "littlehub-proxy.service");
    private static final List<String> STOP_STALE = List.of("systemctl", "stop", "jupyter-ada-singleuser.service");
    private static final List<String> NTP = List.of("timedatectl", "set-ntp", "true");

    private final FakeMachine vm = new FakeMachine();
    private final Doctor doctor = new Doctor(vm);

    /** A hub systemd gave up on (so the port does not answer), a stale server, a clock 5 minutes ahead; /home. */
    private static List<Finding> sickHub(long homeFree) {
        HubStatus s = new HubStatus(
                "2026-11-30T12:00:00Z",
                FAILED_HUB,
                PROXY,
                List.of(),
                new HubStatus.Release("0.6.0", "0.6.0", "6.1.1"),
                new HubStatus.Students(3, 1, 1),
                new HubStatus.Memory(4 * GIB, 2 * GIB),
                new HubStatus.Cpu(2, 0.1, 0.1, 0.1),
                List.of(new HubStatus.Disk("/", List.of("/home"), 20 * GIB, homeFree)),
                null,
                new HubStatus.Certificate(null, "no HTTPS yet"),
                Map.of(),
                new HubStatus.SignIn("firstuse", false, null),
                List.of());
        return Diagnosis.of(new Diagnosis.Observations(
                s,
                List.of(),
                List.of(),
                300L,
                "http://127.0.0.1:80/hub/health",
                -1,
                List.of(new StaleUnits.Stale("jupyter-ada-singleuser.service", false)),
                "0.6.0",
                RehearsalLeftovers.NONE,
                QuotaUse.NONE));
    }

    private String report(List<Finding> findings, Map<Finding, Boolean> fixed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doctor.report(findings, fixed, false, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everySafeFixRunsInTheOrderOfTheChecksAndAllFixedIsSuccess() throws IOException {
        List<Finding> findings = sickHub(10 * GIB);
        Map<Finding, Boolean> fixed = doctor.fix(findings);
        vm.assertRan(RESET_HUB, RESTART_HUB, NTP, RESTART_PROXY, RESTART_HUB, STOP_STALE);
        assertEquals(
                List.of("units", "clock", "port", "student servers"),
                fixed.keySet().stream().map(Finding::check).toList());
        assertTrue(fixed.values().stream().allMatch(Boolean::booleanValue));
        assertEquals(ExitCodes.OK, Doctor.exitCode(findings, fixed));
        String report = report(findings, fixed);
        assertTrue(
                report.contains("fixed: systemctl reset-failed jupyterhub.service; systemctl restart"
                                + " jupyterhub.service")
                        && report.endsWith("verdict: 4 problems, 4 fixed (run doctor again to check)\n"),
                report);
    }

    @Test
    void aFixWhoseCommandFailsIsReportedAndTheOtherFixesStillRun() throws IOException {
        vm.answer(RESTART_HUB, FakeMachine.fails(1, "Job for jupyterhub.service failed"));
        List<Finding> findings = sickHub(10 * GIB);
        Map<Finding, Boolean> fixed = doctor.fix(findings);
        vm.assertRan(RESET_HUB, RESTART_HUB, NTP, RESTART_PROXY, RESTART_HUB, STOP_STALE);
        assertEquals(
                List.of(false, true, false, true),
                List.copyOf(fixed.values()),
                "units and port restart the hub: both failed");
        assertEquals(ExitCodes.FAILED, Doctor.exitCode(findings, fixed));
        String report = report(findings, fixed);
        assertTrue(
                report.contains("fix failed: systemctl reset-failed jupyterhub.service; systemctl restart"
                                + " jupyterhub.service")
                        && report.contains("verdict: 4 problems, 2 fixed"),
                report);
    }

    @Test
    void aResetThatFailsStillLetsTheRestartTry() {
        vm.answer(RESET_HUB, FakeMachine.fails(1, "Unit jupyterhub.service not loaded."));
        List<Finding> findings = sickHub(10 * GIB);
        Map<Finding, Boolean> fixed = doctor.fix(findings);
        vm.assertRan(RESET_HUB, RESTART_HUB, NTP, RESTART_PROXY, RESTART_HUB, STOP_STALE);
        assertEquals(List.of(false, true, true, true), List.copyOf(fixed.values()));
        assertEquals(ExitCodes.FAILED, Doctor.exitCode(findings, fixed));
    }

    @Test
    void aProblemWithoutASafeFixRunsNothingForItAndStaysAFailure() {
        Finding full = sickHub(GIB / 2).stream()
                .filter(f -> f.check().equals("disk"))
                .findFirst()
                .orElseThrow();
        Finding noSafeFix = new Finding("memory", false, "memory pressure", "lower limits.memory", List.of());
        List<Finding> findings = List.of(Finding.ok("units", "active"), full, noSafeFix);
        Map<Finding, Boolean> fixed = doctor.fix(findings);
        vm.assertRan(List.of("journalctl", "--vacuum-size=200M"));
        assertEquals(Map.of(full, true), fixed);
        assertEquals(ExitCodes.FAILED, Doctor.exitCode(findings, fixed), "the memory problem is left to a person");
        assertEquals(
                ExitCodes.FAILED, Doctor.exitCode(List.of(full), Map.of()), "a problem without --fix is a failure");
        assertEquals(ExitCodes.OK, Doctor.exitCode(List.of(Finding.ok("units", "active")), Map.of()));
    }

    @Test
    void aDeadRehearsalsStudentsAreSweptAndAFailedRemovalStaysAProblem() {
        Finding left = RehearsalLeftovers.of(
                        List.of("ada", "rehearsal-001"),
                        "jupyter-rehearsal-001:x:1002:1002::/h:/bin/sh\njupyter-rehearsal-002:x:1003:1003::/h:/bin/sh\n")
                .finding();
        List<String> removeStudent = List.of(
                "java",
                "-jar",
                io.littlehub.common.config.Layout.CURRENT_AGENT_JAR,
                "remove-student",
                "--delete-home",
                "--",
                "rehearsal-001");
        List<String> userdel = List.of("userdel", "--remove", "jupyter-rehearsal-002");
        assertEquals(Map.of(left, true), doctor.fix(List.of(left)));
        vm.assertRan(removeStudent, userdel);

        FakeMachine locked = new FakeMachine();
        locked.answer(removeStudent, FakeMachine.fails(7, "the config is locked by ada@laptop"));
        Map<Finding, Boolean> fixed = new Doctor(locked).fix(List.of(left));
        locked.assertRan(removeStudent, userdel);
        assertEquals(Map.of(left, false), fixed);
        assertEquals(ExitCodes.FAILED, Doctor.exitCode(List.of(left), fixed));
    }
}
