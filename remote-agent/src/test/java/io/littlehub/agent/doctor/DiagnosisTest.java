package io.littlehub.agent.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.littlehub.agent.status.FullHomeDisk;
import io.littlehub.agent.status.HubStatus;
import io.littlehub.agent.status.SignInPolicy;
import io.littlehub.common.config.HubConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiagnosisTest {
    private static final long GIB = 1L << 30;
    private static final HubStatus.Unit HUB =
            new HubStatus.Unit("jupyterhub.service", "loaded", "active", "running", null, 60L, null);
    private static final HubStatus.Unit PROXY =
            new HubStatus.Unit("littlehub-proxy.service", "loaded", "active", "running", null, 60L, null);

    private static HubStatus status(HubStatus.Unit hub, long homeFree, long memAvailable) {
        return status(hub, homeFree, memAvailable, List.of());
    }

    private static HubStatus status(
            HubStatus.Unit hub, long homeFree, long memAvailable, List<HubStatus.Home> biggestHomes) {
        return new HubStatus(
                "2026-11-30T12:00:00Z",
                hub,
                PROXY,
                List.of(),
                new HubStatus.Release("0.6.0", "0.6.0", "6.1.1"),
                new HubStatus.Students(3, 1, 1),
                new HubStatus.Memory(4 * GIB, memAvailable),
                new HubStatus.Cpu(2, 0.1, 0.1, 0.1),
                List.of(new HubStatus.Disk("/", List.of("/home", "/opt/littlehub"), 20 * GIB, homeFree)),
                null,
                new HubStatus.Certificate(null, "no HTTPS yet"),
                Map.of(),
                new HubStatus.SignIn("firstuse", false, null),
                biggestHomes);
    }

    private static Diagnosis.Observations healthy() {
        return new Diagnosis.Observations(
                status(HUB, 10 * GIB, 2 * GIB),
                List.of(),
                List.of(),
                2L,
                "http://127.0.0.1:80/hub/health",
                200,
                List.of(),
                "0.6.0",
                RehearsalLeftovers.NONE,
                QuotaUse.NONE);
    }

    private static Finding find(List<Finding> findings, String check) {
        return findings.stream()
                .filter(f -> f.check().equals(check))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aHealthyHubHasNoProblem() {
        List<Finding> findings = Diagnosis.of(healthy());
        assertTrue(findings.stream().allMatch(Finding::ok), findings.toString());
        assertEquals(
                List.of(
                        "units",
                        "disk",
                        "memory",
                        "config",
                        "users' environment",
                        "clock",
                        "port",
                        "certificate",
                        "sign-in",
                        "student servers",
                        "rehearsal",
                        "disk-quota",
                        "version"),
                findings.stream().map(Finding::check).toList());
    }

    @Test
    void aCertificateNearItsEndOrNoneServedIsAProblem() {
        HubStatus s = status(HUB, 10 * GIB, 2 * GIB);
        java.util.function.Function<HubStatus.Certificate, Finding> check = c -> find(
                Diagnosis.of(new Diagnosis.Observations(
                        new HubStatus(
                                s.time(),
                                s.hub(),
                                s.proxy(),
                                s.timers(),
                                s.release(),
                                s.students(),
                                s.memory(),
                                s.cpu(),
                                s.disks(),
                                null,
                                c,
                                c == null
                                        ? Map.of("certificate", "no certificate served for hub.example.org on port 443")
                                        : Map.of(),
                                s.sign_in(),
                                List.of()),
                        List.of(),
                        List.of(),
                        0L,
                        "u",
                        200,
                        List.of(),
                        null,
                        RehearsalLeftovers.NONE,
                        QuotaUse.NONE)),
                "certificate");
        assertTrue(check.apply(
                        new HubStatus.Certificate("2027-01-30T12:00:00Z", "hub.example.org, from R11, 61 days left"))
                .ok());
        Finding soon = check.apply(
                new HubStatus.Certificate("2026-12-05T12:00:00Z", "hub.example.org, from R11, 5 days left"));
        assertFalse(soon.ok());
        assertEquals("expires soon: hub.example.org, from R11, 5 days left", soon.detail());
        Finding none = check.apply(null);
        assertFalse(none.ok());
        assertEquals("HTTPS is on, but no certificate served for hub.example.org on port 443", none.detail());
        assertTrue(none.fix().contains("littlehub logs https"));
    }

    @Test
    void openSignUpOverPlainHttpIsAProblemAPersonDecides() {
        HubStatus s = status(HUB, 10 * GIB, 2 * GIB);
        HubStatus open = new HubStatus(
                s.time(),
                s.hub(),
                s.proxy(),
                s.timers(),
                s.release(),
                s.students(),
                s.memory(),
                s.cpu(),
                s.disks(),
                null,
                s.certificate(),
                Map.of(),
                SignInPolicy.of(HubConfig.load("users: {open_signup: true}\n")),
                List.of());
        Finding signIn = find(
                Diagnosis.of(new Diagnosis.Observations(
                        open,
                        List.of(),
                        List.of(),
                        0L,
                        "u",
                        200,
                        List.of(),
                        null,
                        RehearsalLeftovers.NONE,
                        QuotaUse.NONE)),
                "sign-in");
        assertFalse(signIn.ok());
        assertTrue(signIn.detail().startsWith("open sign-up over plain HTTP"), signIn.detail());
        assertEquals(SignInPolicy.FIX, signIn.fix());
        assertEquals(List.of(), signIn.safeFix(), "doctor --fix never changes who may sign in");
    }

    @Test
    void aFullDiskIsNamedWithItsNumbersAndTheFix() {
        Finding disk = find(
                Diagnosis.of(new Diagnosis.Observations(
                        status(HUB, GIB, 2 * GIB),
                        List.of(),
                        List.of(),
                        0L,
                        "u",
                        200,
                        List.of(),
                        null,
                        RehearsalLeftovers.NONE,
                        QuotaUse.NONE)),
                "disk");
        assertFalse(disk.ok());
        assertTrue(
                disk.detail().contains("/ (/home, /opt/littlehub) is 95% full: 1.0 GiB free of 20.0 GiB"),
                disk.detail());
        assertTrue(disk.fix().contains("remove-student --archive"), disk.fix());
        assertEquals(List.of(List.of("journalctl", "--vacuum-size=200M")), disk.safeFix());
    }

    @Test
    void aBrokenEnvironmentPointsToEnvRebuildAndIsNotFixedBlindly() {
        Finding env = find(
                Diagnosis.of(new Diagnosis.Observations(
                        status(HUB, 10 * GIB, 2 * GIB),
                        List.of(),
                        List.of("jupyterlab: No module named 'jupyterlab'"),
                        0L,
                        "u",
                        200,
                        List.of(),
                        null,
                        RehearsalLeftovers.NONE,
                        QuotaUse.NONE)),
                "users' environment");
        assertFalse(env.ok());
        assertTrue(
                env.detail().contains("No module named 'jupyterlab'")
                        && env.fix().contains("`littlehub env rebuild`"),
                env.toString());
        assertEquals(List.of(), env.safeFix());
    }

    @Test
    void stoppedUnitsSkewStaleServersDriftAndAnInvalidConfigEachGetTheirFix() {
        HubStatus.Unit failed =
                new HubStatus.Unit("jupyterhub.service", "loaded", "failed", "failed", null, null, null);
        List<Finding> f = Diagnosis.of(new Diagnosis.Observations(
                status(failed, 10 * GIB, 100 << 20),
                List.of("line 2: limits.memory: …"),
                List.of(),
                -300L,
                "http://127.0.0.1:80/hub/health",
                503,
                List.of(
                        new StaleUnits.Stale("jupyter-bob-singleuser.service", false),
                        new StaleUnits.Stale("jupyter-cy-singleuser.service", true)),
                "0.7.0",
                RehearsalLeftovers.NONE,
                QuotaUse.NONE));
        assertEquals(
                List.of(
                        List.of("systemctl", "reset-failed", "jupyterhub.service"),
                        List.of("systemctl", "restart", "jupyterhub.service")),
                find(f, "units").safeFix());
        assertTrue(find(f, "memory").detail().startsWith("memory pressure: only 100.0 MiB available of 4.0 GiB"));
        assertTrue(find(f, "config").fix().contains("`littlehub config edit`"));
        assertTrue(find(f, "clock").detail().contains("300 s behind"));
        assertEquals(
                List.of(List.of("timedatectl", "set-ntp", "true")),
                find(f, "clock").safeFix());
        assertTrue(find(f, "port").detail().endsWith("answered HTTP 503"));
        assertEquals(
                List.of(
                        List.of("systemctl", "stop", "jupyter-bob-singleuser.service"),
                        List.of("systemctl", "reset-failed", "jupyter-cy-singleuser.service")),
                find(f, "student servers").safeFix());
        assertTrue(find(f, "version").fix().contains("`littlehub upgrade` moves the hub to 0.7.0"));
        assertEquals(7, f.stream().filter(x -> !x.ok()).count(), "all but disk and environment");
    }

    @Test
    void aFullDiskOfTheHomesNamesTheBiggestHomes() {
        Map<String, Long> homes =
                Map.of("filler", 150L << 20, "calm", 2L << 20, "late", -1L, "bo", 0L, "cy", 1L << 20, "di", 3L << 20);
        List<HubStatus.Home> biggest = FullHomeDisk.biggest(homes);
        // 1 GiB free of 20: 95% full
        Finding disk = find(Diagnosis.of(withStatus(status(HUB, GIB, 2 * GIB, biggest))), "disk");
        assertFalse(disk.ok());
        assertEquals(
                "/ (/home, /opt/littlehub) is 95% full: 1.0 GiB free of 20.0 GiB;"
                        + " the biggest homes: filler 150.0 MiB, di 3.0 MiB, calm 2.0 MiB",
                disk.detail());
        // Named by the disk that is full only; sizes that could not be read (null) leave just the disk.
        assertEquals(
                "/ (/home, /opt/littlehub) is 50% full: 10.0 GiB free of 20.0 GiB",
                find(Diagnosis.of(withStatus(status(HUB, 10 * GIB, 2 * GIB, biggest))), "disk")
                        .detail());
        assertEquals(
                "/ (/home, /opt/littlehub) is 95% full: 1.0 GiB free of 20.0 GiB",
                find(Diagnosis.of(withStatus(status(HUB, GIB, 2 * GIB, null))), "disk")
                        .detail());
    }

    private static Diagnosis.Observations withStatus(HubStatus status) {
        Diagnosis.Observations h = healthy();
        return new Diagnosis.Observations(
                status,
                h.configProblems(),
                h.environmentProblems(),
                h.clockSkewSeconds(),
                h.healthUrl(),
                h.proxyStatus(),
                h.staleUnits(),
                h.laptopVersion(),
                h.rehearsal(),
                h.quotas());
    }

    @Test
    void staleUnitsAreFailedOnesAndRunningOnesTheHubDoesNotKnow() {
        String listUnits = """
                jupyter-ada-singleuser.service loaded active running littlehub: ada
                jupyter-bob-singleuser.service loaded active running littlehub: bob
                jupyter-cy-singleuser.service  loaded failed failed  littlehub: cy
                jupyter-di-singleuser.service  loaded inactive dead  littlehub: di
                """;
        assertEquals(
                List.of(
                        new StaleUnits.Stale("jupyter-bob-singleuser.service", false),
                        new StaleUnits.Stale("jupyter-cy-singleuser.service", true)),
                StaleUnits.of(listUnits, Set.of("jupyter-ada-singleuser.service")));
    }

    @Test
    void usersAtNinetyPercentOfTheirDiskLimitAreNamed() {
        String report = "*** Report for user quotas on device /dev/loop0\n"
                + "User            used    soft    hard  grace    used  soft  hard  grace\n"
                + "----------------------------------------------------------------------\n"
                + "root      --      20       0       0              2     0     0\n"
                + "jupyter-filler +-   20480   20480   20480  none      12     0     0\n"
                + "jupyter-near --   18500   20480   20480              9     0     0\n"
                + "jupyter-calm --    5200   20480   20480              9     0     0\n";
        Finding f = QuotaUse.of(report).finding();
        assertEquals(false, f.ok());
        assertEquals(
                "jupyter-filler uses 100% of their disk limit (20.0 MiB of 20.0 MiB);"
                        + " jupyter-near uses 90% of their disk limit (18.1 MiB of 20.0 MiB)",
                f.detail());
        assertTrue(f.fix().contains("limits.disk") && f.safeFix().isEmpty(), f.fix());
        assertTrue(
                QuotaUse.of(report.replace("18500", "18000")).finding().detail().startsWith("jupyter-filler"));
        assertTrue(QuotaUse.NONE.finding().ok());
    }
}
